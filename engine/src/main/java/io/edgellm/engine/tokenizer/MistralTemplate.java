package io.edgellm.engine.tokenizer;

import java.util.List;

/**
 * Mistral 7B Instruct v0.1/v0.2: one BOS, {@code [INST] ... [/INST]} around user turns and EOS after
 * each answer. The format has no system block; a system message is put before the first user message,
 * separated by a blank line, as Mistral's later templates do.
 */
record MistralTemplate(String bos, String eos) implements ChatTemplate {

    @Override
    public ChatFamily family() {
        return ChatFamily.MISTRAL;
    }

    @Override
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        InstConversation conversation = InstConversation.of(messages, family());
        StringBuilder sb = new StringBuilder(bos);
        for (int i = 0; i < conversation.turns().size(); i++) {
            String content = conversation.content(i, c -> conversation.system() + "\n\n" + c);
            if (i % 2 == 0) {
                sb.append("[INST] ").append(content).append(" [/INST]");
            } else {
                sb.append(content).append(eos);
            }
        }
        return sb.toString();
    }
}
