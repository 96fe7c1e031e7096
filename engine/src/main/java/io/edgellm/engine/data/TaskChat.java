package io.edgellm.engine.data;

import io.edgellm.engine.tokenizer.ChatMessage;
import io.edgellm.engine.tokenizer.ChatTemplate;
import io.edgellm.engine.tokenizer.ChatTemplates;
import java.util.List;

/**
 * Task examples as ChatML conversations, the chat format of EdgeLLM's own models: the prompt is
 * the user's turn, the completion the assistant's. Rendering is the tokenizer package's ChatML
 * template, so a fine-tuned model is prompted at inference ({@code edgellm generate --chat}) with
 * exactly the text it was trained on.
 */
public final class TaskChat {

    private static final ChatTemplate CHATML = ChatTemplates.chatMl();

    private TaskChat() {
    }

    /** What the model sees before it answers: the user's turn and the opening of the assistant's. */
    public static String prompt(Example e) {
        return CHATML.render(List.of(ChatMessage.user(e.prompt())), true);
    }

    /**
     * The whole conversation, the assistant's turn closed by {@code <|im_end|>}. The completion's
     * leading space is dropped: in ChatML the answer starts right after the newline of
     * {@code <|im_start|>assistant}.
     */
    public static String render(Example e) {
        return CHATML.render(List.of(ChatMessage.user(e.prompt()), ChatMessage.assistant(e.completion().stripLeading())), false);
    }
}
