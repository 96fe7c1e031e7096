package io.edgellm.engine.tokenizer;

import java.util.List;

/**
 * ChatML. Qwen's and SmolLM's own templates add a default system message when none is given; this one
 * renders only the messages passed, like llama.cpp's.
 */
record ChatMLTemplate() implements ChatTemplate {

    @Override
    public ChatFamily family() {
        return ChatFamily.CHATML;
    }

    @Override
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            sb.append("<|im_start|>").append(m.role().wireName()).append('\n').append(m.content()).append("<|im_end|>\n");
        }
        if (addGenerationPrompt) {
            sb.append("<|im_start|>assistant\n");
        }
        return sb.toString();
    }
}
