package io.edgellm.engine.data;

import java.util.List;

/**
 * The chat format of our models: {@code <|user|>prompt<|end|><|assistant|>completion<|end|>}.
 * The three markers are control tokens of the trained vocabulary, so each is one token that
 * no ordinary text can produce; generation stops at {@link #END}.
 */
public final class ChatTemplate {

    public static final String USER = "<|user|>";
    public static final String ASSISTANT = "<|assistant|>";
    public static final String END = "<|end|>";
    /** The markers, in the order they are given ids in a trained vocabulary. */
    public static final List<String> MARKERS = List.of(USER, ASSISTANT, END);

    private ChatTemplate() {
    }

    /** What the model sees before it answers. */
    public static String prompt(Example e) {
        return USER + e.prompt() + END + ASSISTANT;
    }

    /**
     * The whole training text of one example. The completion's leading space is dropped: a
     * SentencePiece tokenizer already puts a space before the text that follows a control
     * token, so keeping it would train on a double space.
     */
    public static String render(Example e) {
        return prompt(e) + e.completion().stripLeading() + END;
    }
}
