package io.edgellm.engine.train.ops;

import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.WeightMatrix;

/**
 * Token embedding lookup: row {@code r} of the output is row {@code tokens[r]} of the table. The
 * table is read through {@link WeightMatrix#dequantizeRow}, so a frozen quantized table and a
 * trainable f32 one are looked up alike. The backward pass scatters each output row's gradient
 * back onto its token's row; rows whose token is negative (virtual tokens of a soft prompt, which
 * are not looked up) are skipped.
 */
public final class Embedding {

    private Embedding() {
    }

    /** Writes the embeddings of {@code tokens[from, from + count)} to rows {@code outRow..} of {@code out}. */
    public static void forward(float[] out, int outRow, WeightMatrix table, int[] tokens, int from, int count) {
        int dim = table.cols();
        for (int i = 0; i < count; i++) {
            table.dequantizeRow(tokens[from + i], out, (outRow + i) * dim);
        }
    }

    /**
     * {@code dtable[tokens[r]] += dy[r]} for the {@code n} rows with a token. Threads own column
     * ranges, so repeated tokens never race and the sums keep row order.
     */
    public static void backward(ComputePool pool, float[] dtable, float[] dy, int[] rowTokens, int n, int dim) {
        pool.forEachRange(dim, (from, to) -> {
            for (int r = 0; r < n; r++) {
                int token = rowTokens[r];
                if (token < 0) {
                    continue;
                }
                int src = r * dim;
                int dst = token * dim;
                for (int i = from; i < to; i++) {
                    dtable[dst + i] += dy[src + i];
                }
            }
        });
    }
}
