package io.edgellm.engine.train;

import static io.edgellm.engine.train.ops.GradientCheck.assertGradient;
import static io.edgellm.engine.train.ops.GradientCheck.numeric;
import static io.edgellm.engine.train.ops.GradientCheck.weightedSum;
import static io.edgellm.engine.train.ops.TestArrays.gaussian;
import static io.edgellm.engine.train.ops.TestArrays.toDouble;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.TestPool;
import io.edgellm.engine.train.ops.Dropout;
import io.edgellm.engine.train.ops.MatMul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One projection with bias and a LoRA update (with dropout) against a float64 reference: the
 * forward value and every gradient, for a heap weight that trains and for a frozen one read
 * through {@code WeightMatrix}.
 */
class LinearGradientTest {

    static final int N = 5;
    static final int IN = 19;
    static final int OUT = 11;
    static final int RANK = 3;
    static final float SCALE = 2.5f;

    static final ComputePool pool = TestPool.POOL;

    /** {@code x·Wᵀ + b + scale · (x ⊙ m)·Aᵀ·Bᵀ}, with {@code m} the dropout mask already divided by {@code 1 − p}. */
    static double[] reference(double[] x, double[] w, double[] b, double[] a, double[] bm, float[] mask) {
        double[] y = new double[N * OUT];
        for (int t = 0; t < N; t++) {
            double[] low = new double[RANK];
            for (int r = 0; r < RANK; r++) {
                for (int i = 0; i < IN; i++) {
                    low[r] += a[r * IN + i] * x[t * IN + i] * mask[t * IN + i];
                }
            }
            for (int o = 0; o < OUT; o++) {
                double s = b[o];
                for (int i = 0; i < IN; i++) {
                    s += w[o * IN + i] * x[t * IN + i];
                }
                for (int r = 0; r < RANK; r++) {
                    s += SCALE * bm[o * RANK + r] * low[r];
                }
                y[t * OUT + o] = s;
            }
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void projectionWithBiasAndLoraDropout(boolean trainableWeight) {
        Parameter weight = new Parameter("blk.0.attn_q.weight", OUT, IN, gaussian(OUT * IN, 1), trainableWeight, true);
        Parameter bias = new Parameter("blk.0.attn_q.bias", 1, OUT, gaussian(OUT, 2), trainableWeight, false);
        Linear linear = trainableWeight ? Linear.of(weight, bias) : Linear.frozen(weight.name(), weight.asMatrix(), bias);
        float p = 0.25f;
        LoraAdapter lora = new LoraAdapter(new Parameter("a", RANK, IN, gaussian(RANK * IN, 3), true, true),
                new Parameter("b", OUT, RANK, gaussian(OUT * RANK, 4), true, true), SCALE, p);
        linear.attach(lora);
        float[] x = gaussian(N * IN, 5);
        float[] g = gaussian(N * OUT, 6);
        Pass pass = new Pass(pool, new MatMul(pool), new Scratch(), true, 99);
        float[] y = new float[N * OUT];
        linear.forward(pass, y, x, N);

        float[] ones = new float[N * IN];
        java.util.Arrays.fill(ones, 1f);
        float[] mask = new float[N * IN];
        Dropout.forward(mask, ones, N * IN, p, pass.dropoutSeed(linear.name()));
        double[] xd = toDouble(x);
        double[] wd = toDouble(weight.value());
        double[] bd = toDouble(bias.value());
        double[] ad = toDouble(lora.a().value());
        double[] bmd = toDouble(lora.b().value());
        double[] expected = reference(xd, wd, bd, ad, bmd, mask);
        for (int i = 0; i < y.length; i++) {
            assertEquals(expected[i], y[i], 1e-5, "forward " + i);
        }

        float[] dx = new float[N * IN];
        linear.backward(pass, dx, false, g, x, N);
        assertGradient("dx", dx, numeric(xd, v -> weightedSum(reference(v, wd, bd, ad, bmd, mask), g)), 2e-6);
        assertGradient("lora_A", lora.a().gradient(), numeric(ad, v -> weightedSum(reference(xd, wd, bd, v, bmd, mask), g)), 2e-6);
        assertGradient("lora_B", lora.b().gradient(), numeric(bmd, v -> weightedSum(reference(xd, wd, bd, ad, v, mask), g)), 2e-6);
        if (trainableWeight) {
            assertGradient("W", weight.gradient(), numeric(wd, v -> weightedSum(reference(xd, v, bd, ad, bmd, mask), g)), 2e-6);
            assertGradient("bias", bias.gradient(), numeric(bd, v -> weightedSum(reference(xd, wd, v, ad, bmd, mask), g)), 2e-6);
        }
        assertTrue(linear.trainable());
    }

    @Test
    void adaptersThatDoNotFitTheBaseAreRefused() {
        Linear linear = Linear.of(new Parameter("blk.2.attn_v.weight", OUT, IN, new float[OUT * IN], false, true), null);
        Parameter a = new Parameter("a", RANK, IN + 1, new float[RANK * (IN + 1)], true, true);
        Parameter b = new Parameter("b", OUT, RANK, new float[OUT * RANK], true, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> linear.attach(new LoraAdapter(a, b, 1f, 0f)));
        assertEquals("LoRA adapter of 11x20 does not fit 'blk.2.attn_v.weight' of 11x19", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LoraAdapter(
                new Parameter("x.lora_a", 4, IN, new float[4 * IN], true, true), b, 1f, 0f));
        assertEquals("lora_A 'x.lora_a' has rank 4 but lora_B 'b' has rank 3", e.getMessage());
    }
}
