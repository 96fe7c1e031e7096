package io.edgellm.engine.tokenizer;

import java.util.List;

/**
 * Llama 2 chat, as Meta's template writes it: every user turn opens with BOS and {@code [INST] }, the
 * system prompt sits in a {@code <<SYS>>} block inside the first one, contents are stripped, and
 * each assistant answer is followed by EOS.
 */
record Llama2Template(String bos, String eos) implements ChatTemplate {

    @Override
    public ChatFamily family() {
        return ChatFamily.LLAMA2;
    }

    @Override
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        InstConversation conversation = InstConversation.of(messages, family());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < conversation.turns().size(); i++) {
            String content = conversation.content(i, c -> "<<SYS>>\n" + conversation.system() + "\n<</SYS>>\n\n" + c);
            if (i % 2 == 0) {
                sb.append(bos).append("[INST] ").append(content.strip()).append(" [/INST]");
            } else {
                sb.append(' ').append(content.strip()).append(' ').append(eos);
            }
        }
        return sb.toString();
    }
}
