package io.edgellm.engine.adapter;

import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.RopeLayout;
import io.edgellm.engine.train.TargetModule;

/**
 * The row order of query and key projections in GGUF against Hugging Face. Hugging Face's Llama
 * rotates dimension {@code i} of a head with {@code i + d/2}; llama.cpp's converter permutes the
 * rows of {@code q_proj} and {@code k_proj} so that the pairs become adjacent ({@code 2i, 2i+1}),
 * its interleaved layout. Within each head, GGUF row {@code 2i + j} is Hugging Face row
 * {@code j·d/2 + i}. A LoRA update {@code B·A} of those projections needs the same permutation on
 * the rows of {@code B}. Architectures kept in the NeoX layout (Qwen2) are not permuted.
 */
final class QkPermutation {

    private QkPermutation() {
    }

    /** The heads whose rows are permuted for {@code module} of {@code config}, or 0 when its rows keep their order. */
    static int heads(ModelConfig config, TargetModule module) {
        if (config.ropeLayout() != RopeLayout.NORMAL) {
            return 0;
        }
        return switch (module) {
            case Q -> config.headCount();
            case K -> config.headCountKv();
            default -> 0;
        };
    }

    /** Rows of a {@code rows × cols} matrix in Hugging Face order, put in GGUF order. */
    static float[] toGguf(float[] huggingFace, int rows, int cols, int heads) {
        return permute(huggingFace, rows, cols, heads, true);
    }

    /** Rows of a {@code rows × cols} matrix in GGUF order, put back in Hugging Face order. */
    static float[] toHuggingFace(float[] gguf, int rows, int cols, int heads) {
        return permute(gguf, rows, cols, heads, false);
    }

    private static float[] permute(float[] in, int rows, int cols, int heads, boolean toGguf) {
        if (heads == 0) {
            return in.clone();
        }
        int headRows = rows / heads;
        if (headRows * heads != rows || headRows % 2 != 0) {
            throw new IllegalArgumentException(rows + " rows do not split into " + heads + " heads of an even width");
        }
        int half = headRows / 2;
        float[] out = new float[in.length];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                for (int j = 0; j < 2; j++) {
                    int gguf = h * headRows + 2 * i + j;
                    int hf = h * headRows + j * half + i;
                    int from = toGguf ? hf : gguf;
                    int to = toGguf ? gguf : hf;
                    System.arraycopy(in, from * cols, out, to * cols, cols);
                }
            }
        }
        return out;
    }
}
