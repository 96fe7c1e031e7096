package io.edgellm.engine.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws from a symmetric Dirichlet(α, …, α) distribution by normalising Gamma(α) draws.
 * Works in log space: for small α (0.01, say) Gamma draws underflow to 0 and plain
 * normalisation would divide 0 by 0.
 */
final class Dirichlet {

    private Dirichlet() {
    }

    /** {@code k} non-negative proportions summing to 1; α = +∞ gives exactly 1/k each. */
    static double[] sample(Random r, double alpha, int k) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("Dirichlet concentration must be positive, got " + alpha);
        }
        double[] p = new double[k];
        if (alpha == Double.POSITIVE_INFINITY) {
            Arrays.fill(p, 1.0 / k);
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            p[i] = logGamma(r, alpha);
            max = Math.max(max, p[i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp(p[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * The logarithm of a Gamma(shape, 1) draw: Marsaglia and Tsang's method for shape ≥ 1,
     * and for shape < 1 the identity Gamma(a) = Gamma(a + 1) · U^(1/a).
     */
    static double logGamma(Random r, double shape) {
        if (shape < 1) {
            return logGamma(r, shape + 1) + Math.log(1 - r.nextDouble()) / shape;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = r.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - r.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return Math.log(d * v);
            }
        }
    }
}
