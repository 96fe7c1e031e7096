package io.edgellm.engine.tokenizer;

import java.util.List;

/**
 * Renders a conversation into the prompt text a chat model was trained on. The text is the whole
 * prompt, BOS text included where the family's own template writes it (as Hugging Face's
 * {@code apply_chat_template} does), so it is encoded without adding BOS again and with special-token
 * parsing on: {@link #encode} does exactly that.
 */
public interface ChatTemplate {

    ChatFamily family();

    /**
     * The prompt for {@code messages}.
     *
     * @param addGenerationPrompt end with the opening of an assistant turn, for the model to continue
     *     (formats whose user turn already ends in the assistant's cue, [INST] ones, have nothing to add)
     * @throws IllegalArgumentException if the family cannot express this sequence of roles
     */
    String render(List<ChatMessage> messages, boolean addGenerationPrompt);

    /**
     * The ids of the rendered prompt. Note that text in a message that spells a control token is read as
     * that token, as in llama.cpp.
     */
    default int[] encode(Tokenizer tokenizer, List<ChatMessage> messages, boolean addGenerationPrompt) {
        return tokenizer.encode(render(messages, addGenerationPrompt), false, true);
    }
}
