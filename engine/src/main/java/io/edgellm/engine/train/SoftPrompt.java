package io.edgellm.engine.train;

/**
 * The trainable prefix of prompt tuning: {@code virtualTokens × dim} embeddings placed before the
 * token embeddings of every sequence.
 */
public final class SoftPrompt {

    /** The tensor name used in checkpoints. */
    public static final String NAME = "prompt.embeddings";

    private final Parameter embeddings;

    SoftPrompt(Parameter embeddings) {
        this.embeddings = embeddings;
    }

    /** {@code virtualTokens × dim}. */
    public Parameter embeddings() {
        return embeddings;
    }

    public int virtualTokens() {
        return embeddings.rows();
    }
}
