package io.edgellm.engine.train.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;

/**
 * Finite-difference checks: analytic f32 gradients from the engine against central differences
 * of a float64 reference implementation. The error reported is the largest absolute difference
 * divided by the largest gradient magnitude of the tensor, so that tiny gradients of a tensor do
 * not make a relative error meaningless.
 */
public final class GradientCheck {

    /** Step of the central differences: float64 references make the truncation and rounding error about 1e-10. */
    public static final double STEP = 1e-5;

    private GradientCheck() {
    }

    /** {@code ∂f/∂x_i} for every {@code i}, by central differences around {@code x} (restored afterwards). */
    public static double[] numeric(double[] x, ToDoubleFunction<double[]> f) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = numeric(x, i, f);
        }
        return g;
    }

    /** {@code ∂f/∂x_i} by central differences. */
    public static double numeric(double[] x, int i, ToDoubleFunction<double[]> f) {
        double saved = x[i];
        x[i] = saved + STEP;
        double plus = f.applyAsDouble(x);
        x[i] = saved - STEP;
        double minus = f.applyAsDouble(x);
        x[i] = saved;
        return (plus - minus) / (2 * STEP);
    }

    /** Largest |analytic − numeric| over the largest |numeric|. */
    public static double normalizedError(float[] analytic, double[] numeric) {
        double maxDiff = 0;
        double scale = 0;
        for (int i = 0; i < numeric.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(analytic[i] - numeric[i]));
            scale = Math.max(scale, Math.abs(numeric[i]));
        }
        assertTrue(scale > 0, "the numeric gradient is zero everywhere: the check would prove nothing");
        return maxDiff / scale;
    }

    public static void assertGradient(String what, float[] analytic, double[] numeric, double tolerance) {
        double error = normalizedError(analytic, numeric);
        assertTrue(error <= tolerance, what + ": normalised gradient error " + error + " > " + tolerance);
    }

    /** {@code Σ g_i · y_i}: the scalar whose gradient w.r.t. {@code y} is {@code g}, to check any op's backward pass. */
    public static double weightedSum(double[] y, float[] g) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] * g[i];
        }
        return s;
    }

    public static void assertForward(String what, double[] expected, float[] actual, double tolerance) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(max <= tolerance, what + ": forward differs from the float64 reference by " + max + " > " + tolerance);
    }
}
