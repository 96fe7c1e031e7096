package io.edgellm.engine.tuning;

import io.edgellm.engine.data.Example;
import io.edgellm.engine.data.TaskChat;
import io.edgellm.engine.tokenizer.ChatTemplates;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.TokenType;
import io.edgellm.engine.train.ExampleBatches.TokenizedExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Task examples as token ids for supervised fine-tuning and evaluation: the ChatML prompt (user
 * turn and the opening of the assistant's) and the completion the model learns to produce, the
 * answer up to and including its closing {@code <|im_end|>}. Both come from tokenizing the whole conversation once,
 * so the completion's tokens are exactly those that follow the prompt in it.
 */
public final class ChatExamples {

    private ChatExamples() {
    }

    /**
     * Checks that {@code tokenizer} spells ChatML's markers as single control tokens.
     *
     * @throws IllegalArgumentException when a marker is missing or an ordinary token
     */
    public static void requireChatMl(Tokenizer tokenizer) {
        for (String marker : ChatTemplates.CHATML_MARKERS) {
            int id = tokenizer.tokenId(marker);
            if (id < 0 || (tokenizer.tokenType(id) != TokenType.CONTROL && tokenizer.tokenType(id) != TokenType.USER_DEFINED)) {
                throw new IllegalArgumentException("the model's vocabulary has no " + marker + " control token; task examples are"
                        + " ChatML conversations, so the model must be a ChatML model (EdgeLLM's family, Qwen2, SmolLM)");
            }
        }
    }

    /** The ids of what the model sees before it answers {@code e}. */
    public static int[] prompt(Tokenizer tokenizer, Example e) {
        return tokenizer.encode(TaskChat.prompt(e), false, true);
    }

    public static TokenizedExample tokenize(Tokenizer tokenizer, Example e) {
        int[] prompt = prompt(tokenizer, e);
        int[] all = tokenizer.encode(TaskChat.render(e), false, true);
        if (all.length <= prompt.length || !Arrays.equals(prompt, Arrays.copyOf(all, prompt.length))) {
            throw new IllegalStateException("the conversation's tokens do not start with the prompt's: " + TaskChat.render(e));
        }
        // The answer ends at <|im_end|>: generation stops there, so what ChatML renders after it is never produced.
        int end = prompt.length;
        int imEnd = tokenizer.tokenId(ChatTemplates.IM_END);
        while (end < all.length && all[end] != imEnd) {
            end++;
        }
        return new TokenizedExample(prompt, Arrays.copyOfRange(all, prompt.length, Math.min(end + 1, all.length)));
    }

    public static List<TokenizedExample> tokenize(Tokenizer tokenizer, List<Example> examples) {
        requireChatMl(tokenizer);
        List<TokenizedExample> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(tokenize(tokenizer, e));
        }
        return out;
    }

    /** Tokens of the longest example, prompt and completion. */
    public static int longest(List<TokenizedExample> examples) {
        return examples.stream().mapToInt(e -> e.prompt().length + e.completion().length).max().orElse(0);
    }
}
