package io.edgellm.engine.tokenizer;

import java.util.List;

/** Llama 3 Instruct: BOS, then a header per message; contents are trimmed, as Meta's template does. */
record Llama3Template(String bos) implements ChatTemplate {

    @Override
    public ChatFamily family() {
        return ChatFamily.LLAMA3;
    }

    @Override
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        StringBuilder sb = new StringBuilder(bos);
        for (ChatMessage m : messages) {
            header(sb, m.role().wireName()).append(m.content().strip()).append("<|eot_id|>");
        }
        if (addGenerationPrompt) {
            header(sb, "assistant");
        }
        return sb.toString();
    }

    private static StringBuilder header(StringBuilder sb, String role) {
        return sb.append("<|start_header_id|>").append(role).append("<|end_header_id|>\n\n");
    }
}
