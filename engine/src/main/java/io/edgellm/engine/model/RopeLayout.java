package io.edgellm.engine.model;

/**
 * How the rotary embedding pairs up the dimensions of a head. GGUF has no key for this: it
 * follows from the architecture, because llama.cpp's converter permutes Llama's Q/K weights into
 * the interleaved layout while Qwen2 keeps the Hugging Face (GPT-NeoX) layout.
 */
public enum RopeLayout {
    /** Adjacent pairs {@code (2i, 2i+1)} rotate together (llama.cpp's {@code LLAMA_ROPE_TYPE_NORM}). */
    NORMAL,
    /** Dimension {@code i} rotates with {@code i + d/2} (llama.cpp's {@code LLAMA_ROPE_TYPE_NEOX}). */
    NEOX;

    /** The dimension that rotates together with {@code j} among {@code dims} rotated dimensions. */
    public int partner(int j, int dims) {
        return switch (this) {
            case NORMAL -> j ^ 1;
            case NEOX -> j < dims / 2 ? j + dims / 2 : j - dims / 2;
        };
    }
}
