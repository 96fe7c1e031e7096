package io.edgellm.engine.tokenizer.training;

/** Token types as llama.cpp stores them in {@code tokenizer.ggml.token_type}. */
public enum TokenType {
    NORMAL(1),
    UNKNOWN(2),
    CONTROL(3),
    USER_DEFINED(4),
    UNUSED(5),
    BYTE(6);

    private final int id;

    TokenType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
