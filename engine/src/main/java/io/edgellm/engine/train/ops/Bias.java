package io.edgellm.engine.train.ops;

import io.edgellm.engine.model.VectorMath;
import io.edgellm.engine.tensor.ComputePool;

/** A bias added to every row ({@code y_r += b}), as Qwen2's Q/K/V projections have. */
public final class Bias {

    private Bias() {
    }

    public static void forward(float[] y, float[] b, int n, int width) {
        for (int r = 0; r < n; r++) {
            VectorMath.add(b, 0, y, r * width, width);
        }
    }

    /** {@code db += Σ_rows dy}, threads owning column ranges so sums keep row order. */
    public static void backward(ComputePool pool, float[] db, float[] dy, int n, int width) {
        pool.forEachRange(width, (from, to) -> {
            for (int r = 0; r < n; r++) {
                int off = r * width;
                for (int i = from; i < to; i++) {
                    db[i] += dy[off + i];
                }
            }
        });
    }
}
