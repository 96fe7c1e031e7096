package io.edgellm.engine.tokenizer;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A conversation in the shape the [INST] formats (Llama 2, Mistral) accept: at most one system message,
 * first, then turns alternating user, assistant, user, ... The system text rides on the first user turn.
 */
record InstConversation(String system, List<ChatMessage> turns) {

    static InstConversation of(List<ChatMessage> messages, ChatFamily family) {
        boolean hasSystem = !messages.isEmpty() && messages.getFirst().role() == ChatMessage.Role.SYSTEM;
        List<ChatMessage> turns = hasSystem ? messages.subList(1, messages.size()) : messages;
        for (int i = 0; i < turns.size(); i++) {
            ChatMessage.Role expected = i % 2 == 0 ? ChatMessage.Role.USER : ChatMessage.Role.ASSISTANT;
            if (turns.get(i).role() != expected) {
                throw new IllegalArgumentException(family + " chat needs an optional system message first, then user and"
                        + " assistant messages alternating from user; message " + (hasSystem ? i + 1 : i) + " is "
                        + turns.get(i).role().wireName());
            }
        }
        if (hasSystem && turns.isEmpty()) {
            throw new IllegalArgumentException(family + " chat puts the system message into the first user message,"
                    + " but there is none");
        }
        return new InstConversation(hasSystem ? messages.getFirst().content() : null, turns);
    }

    /** The content of turn i, with the system text folded in front of the first one by {@code fold}. */
    String content(int i, UnaryOperator<String> fold) {
        String content = turns.get(i).content();
        return i == 0 && system != null ? fold.apply(content) : content;
    }
}
