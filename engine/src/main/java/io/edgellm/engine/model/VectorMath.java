package io.edgellm.engine.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise math of the forward pass, vectorized. Every method works on a slice of a
 * larger array (an offset and a length) so that batches of rows live in one flat buffer; tests
 * check each against a plain scalar loop.
 */
public final class VectorMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Swaps lanes 2i and 2i+1: the partner of every dimension in the interleaved RoPE layout. */
    private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(S, i -> i ^ 1);

    private VectorMath() {
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /** {@code y += a · x}. */
    public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).fma(av, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    /** {@code y += x}: the residual connection. */
    public static void add(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += x[xOff + i];
        }
    }

    /** {@code out = x / rms(x) · weight}, with {@code rms(x) = sqrt(mean(x²) + eps)}. */
    static void rmsNorm(float[] x, int xOff, float[] weight, float eps, float[] out, int outOff, int n) {
        float scale = (float) (1.0 / Math.sqrt(dot(x, xOff, x, xOff, n) / n + eps));
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).mul(scale).mul(FloatVector.fromArray(S, weight, i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * scale * weight[i];
        }
    }

    /** In-place softmax of {@code x[off, off + n)}, shifted by the maximum so that exp cannot overflow. */
    static void softmax(float[] x, int off, int n) {
        int upper = S.loopBound(n);
        FloatVector maxV = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < upper; i += S.length()) {
            maxV = maxV.max(FloatVector.fromArray(S, x, off + i));
        }
        float max = maxV.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        FloatVector sumV = FloatVector.zero(S);
        for (i = 0; i < upper; i += S.length()) {
            FloatVector e = FloatVector.fromArray(S, x, off + i).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(x, off + i);
            sumV = sumV.add(e);
        }
        float sum = sumV.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (i = 0; i < upper; i += S.length()) {
            FloatVector.fromArray(S, x, off + i).mul(inv).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] *= inv;
        }
    }

    /** {@code gate = silu(gate) · up} with {@code silu(g) = g / (1 + e^-g)}: SwiGLU's gating. */
    static void siluMul(float[] gate, float[] up, int off, int n) {
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += S.length()) {
            FloatVector g = FloatVector.fromArray(S, gate, off + i);
            FloatVector sig = g.neg().lanewise(VectorOperators.EXP).add(1f);
            g.div(sig).mul(FloatVector.fromArray(S, up, off + i)).intoArray(gate, off + i);
        }
        for (; i < n; i++) {
            float g = gate[off + i];
            gate[off + i] = g / (1f + (float) Math.exp(-g)) * up[off + i];
        }
    }

    /**
     * Rotates the first {@code dims} values of one head at {@code x[off]} in place:
     * {@code x'[j] = x[j] · cos[j] + x[partner(j)] · sin[j]}, with the tables laid out per
     * dimension by {@link Rope#fillTables} (the sign of the sine already folded in).
     */
    static void rope(float[] x, int off, float[] cos, float[] sin, int tableOff, int dims, RopeLayout layout) {
        switch (layout) {
            case NORMAL -> ropeInterleaved(x, off, cos, sin, tableOff, dims);
            case NEOX -> ropeHalves(x, off, cos, sin, tableOff, dims);
        }
    }

    private static void ropeInterleaved(float[] x, int off, float[] cos, float[] sin, int t, int dims) {
        int j = 0;
        // Lane counts are even, so a vector never splits a pair.
        for (int upper = S.loopBound(dims); j < upper; j += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, off + j);
            FloatVector rotated = v.mul(FloatVector.fromArray(S, cos, t + j))
                    .add(v.rearrange(SWAP_PAIRS).mul(FloatVector.fromArray(S, sin, t + j)));
            rotated.intoArray(x, off + j);
        }
        for (; j < dims; j += 2) {
            float x0 = x[off + j];
            float x1 = x[off + j + 1];
            x[off + j] = x0 * cos[t + j] + x1 * sin[t + j];
            x[off + j + 1] = x1 * cos[t + j + 1] + x0 * sin[t + j + 1];
        }
    }

    private static void ropeHalves(float[] x, int off, float[] cos, float[] sin, int t, int dims) {
        int half = dims / 2;
        int j = 0;
        for (int upper = S.loopBound(half); j < upper; j += S.length()) {
            FloatVector x0 = FloatVector.fromArray(S, x, off + j);
            FloatVector x1 = FloatVector.fromArray(S, x, off + half + j);
            x0.mul(FloatVector.fromArray(S, cos, t + j)).add(x1.mul(FloatVector.fromArray(S, sin, t + j)))
                    .intoArray(x, off + j);
            x1.mul(FloatVector.fromArray(S, cos, t + half + j)).add(x0.mul(FloatVector.fromArray(S, sin, t + half + j)))
                    .intoArray(x, off + half + j);
        }
        for (; j < half; j++) {
            float x0 = x[off + j];
            float x1 = x[off + half + j];
            x[off + j] = x0 * cos[t + j] + x1 * sin[t + j];
            x[off + half + j] = x1 * cos[t + half + j] + x0 * sin[t + half + j];
        }
    }
}
