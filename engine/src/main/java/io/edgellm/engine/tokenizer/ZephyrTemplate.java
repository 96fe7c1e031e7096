package io.edgellm.engine.tokenizer;

import java.util.List;

/** Zephyr and TinyLlama chat: each message after its {@code <|role|>} line, closed by EOS and a newline. */
record ZephyrTemplate(String eos) implements ChatTemplate {

    @Override
    public ChatFamily family() {
        return ChatFamily.ZEPHYR;
    }

    @Override
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            sb.append("<|").append(m.role().wireName()).append("|>\n").append(m.content()).append(eos).append('\n');
        }
        if (addGenerationPrompt) {
            sb.append("<|assistant|>\n");
        }
        return sb.toString();
    }
}
