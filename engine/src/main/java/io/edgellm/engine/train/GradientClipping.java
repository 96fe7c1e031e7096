package io.edgellm.engine.train;

import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.Lanes;
import java.util.List;

/** Clipping by the global norm: all gradients together, as one vector, are scaled down to at most a given norm. */
public final class GradientClipping {

    /** Values per partial sum: short enough for f32 lanes to hold the squares' sum accurately. */
    private static final int CHUNK = 4096;

    private GradientClipping() {
    }

    /**
     * {@code sqrt(Σ g²)} over every gradient: f32 partial sums of {@value #CHUNK} values, computed
     * in parallel, added in double in a fixed order.
     */
    public static double globalNorm(List<Parameter> parameters, ComputePool pool) {
        double sum = 0;
        for (Parameter p : parameters) {
            float[] g = p.gradient();
            int chunks = (g.length + CHUNK - 1) / CHUNK;
            double[] partial = new double[chunks];
            pool.forEachRange(chunks, (from, to) -> {
                for (int c = from; c < to; c++) {
                    int start = c * CHUNK;
                    partial[c] = Lanes.dot(g, start, g, start, Math.min(CHUNK, g.length - start));
                }
            });
            for (double s : partial) {
                sum += s;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales every gradient by {@code maxNorm / norm} when the global norm exceeds {@code maxNorm}.
     *
     * @return the norm before clipping
     */
    public static double clip(List<Parameter> parameters, double maxNorm, ComputePool pool) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maximum gradient norm must be positive, got " + maxNorm);
        }
        double norm = globalNorm(parameters, pool);
        if (norm > maxNorm) {
            float factor = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                Lanes.scale(p.gradient(), 0, p.size(), factor);
            }
        }
        return norm;
    }
}
