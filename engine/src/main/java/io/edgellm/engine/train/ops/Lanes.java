package io.edgellm.engine.train.ops;

import io.edgellm.engine.tensor.ComputePool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector helpers whose results are the same bits whether the JVM interprets or compiles them.
 * {@code reduceLanes(ADD)} and {@code lanewise(EXP)} are not: compiled code sums lanes in another
 * order and uses another exponential than the interpreter, so a run would drift in the last bits
 * between a cold start and a warm loop, and a resumed run would not retrace a straight one. These
 * use only lane-wise IEEE operations (add, multiply, fused multiply-add, conversions), which every
 * execution mode computes exactly alike.
 */
public final class Lanes {

    static final VectorSpecies<Float> F = MatMul.F;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    private static final int LANES = F.length();
    /** Rotations by half, a quarter, ... of the lanes: a fixed summation tree. */
    private static final VectorShuffle<Float>[] HALVES = halves();
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693145752f;
    private static final float LN2_LO = 1.42860677e-6f;
    /** Below this, e^x is under the smallest normal float and taken as 0. */
    private static final float MIN_ARG = -87.3f;
    private static final float MAX_ARG = 88.7f;
    private static final float OFFSET = 256f;
    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(F, -LN2_HI);
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(F, -LN2_LO);
    /** Taylor coefficients 1/k! for k = 7..0: on |r| ≤ ln2/2 the error is below 6e-9 relative. */
    private static final float[] POLY = {1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 0.5f, 1f, 1f};

    private Lanes() {
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Float>[] s = new VectorShuffle[steps];
        for (int i = 0; i < steps; i++) {
            s[i] = VectorShuffle.iota(F, LANES >> (i + 1), 1, true);
        }
        return s;
    }

    /** Values per chunk of {@link #forEachChunk}: a multiple of every vector width. */
    static final int CHUNK = 4096;

    /**
     * Splits {@code [0, size)} over the pool in chunks of {@value #CHUNK}, so that which values
     * fall in a vector loop's scalar tail does not depend on how many threads there are.
     */
    public static void forEachChunk(ComputePool pool, int size, ComputePool.RangeTask task) {
        int chunks = (size + CHUNK - 1) / CHUNK;
        pool.forEachRange(chunks, (from, to) -> task.run(from * CHUNK, Math.min(to * CHUNK, size)));
    }

    /** The sum of the lanes, by a fixed tree of lane-wise additions. */
    public static float sum(FloatVector v) {
        for (VectorShuffle<Float> s : HALVES) {
            v = v.add(v.rearrange(s));
        }
        return v.lane(0);
    }

    /** {@code Σ a[aOff + i] · b[bOff + i]} for {@code i < n}, in f32. */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += LANES) {
            acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
        }
        float s = sum(acc);
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    /**
     * {@code e^x} per lane: {@code x = k·ln2 + r} with {@code |r| ≤ ln2/2}, a degree-7 polynomial for
     * {@code e^r}, and {@code 2^k} built in the exponent bits. About one ulp from the exact value.
     */
    public static FloatVector exp(FloatVector x) {
        VectorMask<Float> under = x.compare(VectorOperators.LT, MIN_ARG);
        x = x.max(MIN_ARG).min(MAX_ARG);
        // k = round(x / ln2); the offset keeps the truncating conversion's argument positive, where it floors.
        IntVector ki = ((IntVector) x.mul(LOG2E).add(0.5f + OFFSET).convertShape(VectorOperators.F2I, I, 0)).sub((int) OFFSET);
        FloatVector k = (FloatVector) ki.convertShape(VectorOperators.I2F, F, 0);
        FloatVector r = k.fma(MINUS_LN2_HI, x);
        r = k.fma(MINUS_LN2_LO, r);
        FloatVector p = FloatVector.broadcast(F, POLY[0]);
        for (int i = 1; i < POLY.length; i++) {
            p = p.fma(r, FloatVector.broadcast(F, POLY[i]));
        }
        FloatVector scale = ki.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale).blend(0f, under);
    }

    /** The scalar twin of {@link #exp(FloatVector)}, bit for bit, for loop tails. */
    public static float exp(float x) {
        if (x < MIN_ARG) {
            return 0f;
        }
        x = Math.min(Math.max(x, MIN_ARG), MAX_ARG);
        int ki = (int) (x * LOG2E + (0.5f + OFFSET)) - (int) OFFSET;
        float k = ki;
        float r = Math.fma(k, -LN2_HI, x);
        r = Math.fma(k, -LN2_LO, r);
        float p = POLY[0];
        for (int i = 1; i < POLY.length; i++) {
            p = Math.fma(p, r, POLY[i]);
        }
        return p * Float.intBitsToFloat((ki + 127) << 23);
    }

    /** {@code e^x[i]} in place over {@code [off, off + n)}; returns their sum. */
    static float expInPlace(float[] x, int off, int n, float shift) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += LANES) {
            FloatVector e = exp(FloatVector.fromArray(F, x, off + i).sub(shift));
            e.intoArray(x, off + i);
            acc = acc.add(e);
        }
        float s = sum(acc);
        for (; i < n; i++) {
            float e = exp(x[off + i] - shift);
            x[off + i] = e;
            s += e;
        }
        return s;
    }

    /** The largest of {@code x[off, off + n)}: maxima do not depend on order. */
    static float max(float[] x, int off, int n) {
        FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += LANES) {
            m = m.max(FloatVector.fromArray(F, x, off + i));
        }
        float max = m.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }

    /** {@code x[i] *= a} over {@code [off, off + n)}. */
    public static void scale(float[] x, int off, int n, float a) {
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += LANES) {
            FloatVector.fromArray(F, x, off + i).mul(a).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] *= a;
        }
    }

    /** In-place softmax of {@code x[off, off + n)}, shifted by the maximum. */
    static void softmax(float[] x, int off, int n) {
        float sum = expInPlace(x, off, n, max(x, off, n));
        scale(x, off, n, 1f / sum);
    }

    /** {@code σ(g) = 1 / (1 + e^-g)} per lane. */
    static FloatVector sigmoid(FloatVector g) {
        return ONE.div(exp(g.neg()).add(1f));
    }

    /** The scalar twin of {@link #sigmoid(FloatVector)}. */
    static float sigmoid(float g) {
        return 1f / (exp(-g) + 1f);
    }
}
