package io.edgellm.engine.train.ops;

import io.edgellm.engine.tensor.ComputePool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Root-mean-square normalisation of each row: {@code y = x · r · w} with
 * {@code r = 1 / sqrt(mean(x²) + eps)}, keeping {@code r} per row for the backward pass:
 * <pre>
 *   dx_j += r · dy_j · w_j − (r³ / D) · x_j · Σ_i dy_i · w_i · x_i
 *   dw_i += Σ_rows dy_i · x_i · r
 * </pre>
 */
public final class RmsNorm {

    private static final VectorSpecies<Float> F = MatMul.F;

    private RmsNorm() {
    }

    /**
     * @param out  {@code n × dim} normalised rows
     * @param rstd {@code n} values of {@code r}, kept for {@link #backward}
     */
    public static void forward(ComputePool pool, float[] out, float[] rstd, float[] x, float[] w, int n, int dim, float eps) {
        pool.forEachRange(n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int off = r * dim;
                float s = (float) (1.0 / Math.sqrt(Lanes.dot(x, off, x, off, dim) / dim + eps));
                rstd[r] = s;
                int i = 0;
                for (int upper = F.loopBound(dim); i < upper; i += F.length()) {
                    FloatVector.fromArray(F, x, off + i).mul(s).mul(FloatVector.fromArray(F, w, i)).intoArray(out, off + i);
                }
                for (; i < dim; i++) {
                    out[off + i] = x[off + i] * s * w[i];
                }
            }
        });
    }

    /**
     * Adds the gradients of {@code n} rows to {@code dx} and, unless it is null (a frozen norm),
     * to {@code dw}. Rows are split over threads for {@code dx}, columns for {@code dw}, so no two
     * threads add to the same value.
     */
    public static void backward(ComputePool pool, float[] dx, float[] dw, float[] dy, float[] x, float[] w, float[] rstd,
                                int n, int dim) {
        if (dx != null) {
            pool.forEachRange(n, (from, to) -> {
                for (int r = from; r < to; r++) {
                    inputGradient(dx, dy, x, w, rstd[r], r * dim, dim);
                }
            });
        }
        if (dw != null) {
            pool.forEachRange(dim, (from, to) -> {
                for (int r = 0; r < n; r++) {
                    int off = r * dim;
                    float s = rstd[r];
                    for (int i = from; i < to; i++) {
                        dw[i] += dy[off + i] * x[off + i] * s;
                    }
                }
            });
        }
    }

    private static void inputGradient(float[] dx, float[] dy, float[] x, float[] w, float r, int off, int dim) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        int upper = F.loopBound(dim);
        for (; i < upper; i += F.length()) {
            FloatVector dyw = FloatVector.fromArray(F, dy, off + i).mul(FloatVector.fromArray(F, w, i));
            acc = dyw.fma(FloatVector.fromArray(F, x, off + i), acc);
        }
        float dot = Lanes.sum(acc);
        for (int j = i; j < dim; j++) {
            dot += dy[off + j] * w[j] * x[off + j];
        }
        float c = r * r * r * dot / dim;
        for (i = 0; i < upper; i += F.length()) {
            FloatVector g = FloatVector.fromArray(F, dy, off + i).mul(FloatVector.fromArray(F, w, i)).mul(r)
                    .sub(FloatVector.fromArray(F, x, off + i).mul(c));
            g.add(FloatVector.fromArray(F, dx, off + i)).intoArray(dx, off + i);
        }
        for (; i < dim; i++) {
            dx[off + i] += r * dy[off + i] * w[i] - c * x[off + i];
        }
    }
}
