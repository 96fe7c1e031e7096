package io.edgellm.engine.tokenizer;

/** The kind of a vocabulary entry, as stored in {@code tokenizer.ggml.token_type} (llama.cpp's numbering). */
public enum TokenType {
    /** Code 0: files that predate token types; treated like {@link #NORMAL}. */
    UNDEFINED,
    NORMAL,
    UNKNOWN,
    CONTROL,
    USER_DEFINED,
    UNUSED,
    /** A single raw byte, spelled {@code <0xXX>}. */
    BYTE;

    private static final TokenType[] BY_CODE = values();

    /** Its code in {@code tokenizer.ggml.token_type}. */
    public int code() {
        return ordinal();
    }

    /** The type stored as {@code code}, or null for a code outside 0..6. */
    static TokenType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Whether its text stands for itself in input text (and is matched there before the model runs). */
    boolean isSpecialText() {
        return this == CONTROL || this == USER_DEFINED || this == UNKNOWN;
    }

    /** Whether decoding leaves it out unless special tokens are rendered. */
    boolean isHiddenByDefault() {
        return this == CONTROL || this == UNKNOWN || this == UNUSED;
    }
}
