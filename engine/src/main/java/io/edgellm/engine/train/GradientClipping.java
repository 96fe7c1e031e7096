package io.edgellm.engine.train;

import java.util.List;

/** Clipping by the global norm: all gradients together, as one vector, are scaled down to at most a given norm. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** {@code sqrt(Σ g²)} over every gradient, summed in double in parameter order. */
    public static double globalNorm(List<Parameter> parameters) {
        double sum = 0;
        for (Parameter p : parameters) {
            float[] g = p.gradient();
            double s = 0;
            for (float v : g) {
                s += (double) v * v;
            }
            sum += s;
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales every gradient by {@code maxNorm / norm} when the global norm exceeds {@code maxNorm}.
     *
     * @return the norm before clipping
     */
    public static double clip(List<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maximum gradient norm must be positive, got " + maxNorm);
        }
        double norm = globalNorm(parameters);
        if (norm > maxNorm) {
            float factor = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                float[] g = p.gradient();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= factor;
                }
            }
        }
        return norm;
    }
}
