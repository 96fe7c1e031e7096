package io.edgellm.engine.tensor;

/**
 * The scale searches of ggml's K-quant reference quantizers ({@code make_qkx2_quants},
 * {@code make_qx_quants}), in float arithmetic like the original so results track llama.cpp's.
 */
final class KQuantSearch {

    /** Groups whose largest magnitude is below this are stored as zeros (ggml's GROUP_MAX_EPS). */
    static final float GROUP_MAX_EPS = 1e-15f;

    private KQuantSearch() {
    }

    /** ggml's {@code nearest_int}: round half to even. */
    static int nearestInt(float value) {
        return (int) Math.rint(value);
    }

    /**
     * Fits {@code x ≈ scale · L − min} with {@code L} in {@code [0, nmax]}, minimizing the weighted squared
     * error: starts from the min/max fit, then tries {@code nstep + 1} candidate inverse scales around it,
     * solving the weighted least-squares (scale, min) for each rounding ({@code make_qkx2_quants} with
     * squared error). Writes the levels to {@code levels[levelsAt, levelsAt + n)} and returns
     * {@code {scale, min}} with min ≥ 0 (the value subtracted).
     */
    static float[] affine(float[] x, int xAt, int n, int nmax, float[] weights, int[] levels, int levelsAt,
            float rmin, float rdelta, int nstep) {
        float min = x[xAt];
        float max = x[xAt];
        float sumW = weights[0];
        float sumX = sumW * x[xAt];
        for (int i = 1; i < n; i++) {
            float v = x[xAt + i];
            min = Math.min(min, v);
            max = Math.max(max, v);
            sumW += weights[i];
            sumX += weights[i] * v;
        }
        if (min > 0) {
            min = 0;
        }
        if (max == min) {
            java.util.Arrays.fill(levels, levelsAt, levelsAt + n, 0);
            return new float[] {0, -min};
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; i++) {
            int l = clamp(nearestInt(iscale * (x[xAt + i] - min)), 0, nmax);
            levels[levelsAt + i] = l;
            float diff = scale * l + min - x[xAt + i];
            bestError += weights[i] * diff * diff;
        }
        int[] trial = new int[n];
        for (int step = 0; step <= nstep; step++) {
            iscale = (rmin + rdelta * step + nmax) / (max - min);
            float sumL = 0;
            float sumL2 = 0;
            float sumXL = 0;
            for (int i = 0; i < n; i++) {
                int l = clamp(nearestInt(iscale * (x[xAt + i] - min)), 0, nmax);
                trial[i] = l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * x[xAt + i];
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / det;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float error = 0;
                for (int i = 0; i < n; i++) {
                    float diff = thisScale * trial[i] + thisMin - x[xAt + i];
                    error += weights[i] * diff * diff;
                }
                if (error < bestError) {
                    System.arraycopy(trial, 0, levels, levelsAt, n);
                    bestError = error;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        return new float[] {scale, -min};
    }

    /**
     * Fits {@code x ≈ scale · (L − nmax)} with {@code L} in {@code [0, 2·nmax)}, weighting errors by x²: the
     * scale that maps the largest magnitude to −nmax, then 18 nearby inverse scales, keeping the best
     * least-squares scale ({@code make_qx_quants} with rmse_type 1). Returns the (signed) scale.
     */
    static float symmetric(float[] x, int xAt, int n, int nmax, int[] levels, int levelsAt) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[xAt + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xAt + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            java.util.Arrays.fill(levels, levelsAt, levelsAt + n, 0);
            return 0;
        }
        float[] fit = symmetricFit(x, xAt, n, nmax, -nmax / max, levels, levelsAt);
        float scale = fit[1] != 0 ? fit[0] / fit[1] : 0;
        float best = scale * fit[0];
        int[] trial = new int[n];
        for (int step = -9; step <= 9; step++) {
            if (step == 0) {
                continue;
            }
            fit = symmetricFit(x, xAt, n, nmax, -(nmax + 0.1f * step) / max, trial, 0);
            if (fit[1] > 0 && fit[0] * fit[0] > best * fit[1]) {
                System.arraycopy(trial, 0, levels, levelsAt, n);
                scale = fit[0] / fit[1];
                best = scale * fit[0];
            }
        }
        return scale;
    }

    /** Rounds {@code x · iscale} into levels (offset by nmax) and returns {Σw·x·l, Σw·l²} with w = x². */
    private static float[] symmetricFit(float[] x, int xAt, int n, int nmax, float iscale, int[] levels, int levelsAt) {
        float sumLX = 0;
        float sumL2 = 0;
        for (int i = 0; i < n; i++) {
            float v = x[xAt + i];
            int l = clamp(nearestInt(iscale * v), -nmax, nmax - 1);
            levels[levelsAt + i] = l + nmax;
            float w = v * v;
            sumLX += w * v * l;
            sumL2 += w * l * l;
        }
        return new float[] {sumLX, sumL2};
    }

    static int clamp(int value, int lo, int hi) {
        return Math.max(lo, Math.min(hi, value));
    }
}
