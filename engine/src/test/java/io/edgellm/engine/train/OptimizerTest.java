package io.edgellm.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.TestPool;
import io.edgellm.engine.train.ops.TestArrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdamW against a float64 transcription of PyTorch's update, the schedule, and clipping. */
class OptimizerTest {

    static final ComputePool pool = TestPool.POOL;

    @Test
    void adamWMatchesTheReferenceUpdateWithAndWithoutDecay() {
        AdamW.Settings s = new AdamW.Settings(0.9f, 0.95f, 1e-8f, 0.1f);
        Parameter matrix = new Parameter("w", 7, 11, TestArrays.gaussian(77, 1), true, true);
        Parameter norm = new Parameter("n", 1, 37, TestArrays.gaussian(37, 2), true, false);
        AdamW adam = new AdamW(List.of(matrix, norm), s);
        double[][] w = {TestArrays.toDouble(matrix.value()), TestArrays.toDouble(norm.value())};
        double[][] m = {new double[77], new double[37]};
        double[][] v = {new double[77], new double[37]};
        double[] rates = {1e-2, 3e-3, 5e-2};
        for (int t = 1; t <= rates.length; t++) {
            Parameter[] ps = {matrix, norm};
            for (int p = 0; p < 2; p++) {
                float[] g = TestArrays.gaussian(ps[p].size(), 10 * t + p);
                System.arraycopy(g, 0, ps[p].gradient(), 0, g.length);
                double lr = rates[t - 1];
                for (int i = 0; i < g.length; i++) {
                    if (ps[p].decay()) {
                        w[p][i] -= lr * s.weightDecay() * w[p][i];
                    }
                    m[p][i] = s.beta1() * m[p][i] + (1 - s.beta1()) * g[i];
                    v[p][i] = s.beta2() * v[p][i] + (1 - s.beta2()) * g[i] * g[i];
                    double mHat = m[p][i] / (1 - Math.pow(s.beta1(), t));
                    double vHat = v[p][i] / (1 - Math.pow(s.beta2(), t));
                    w[p][i] -= lr * mHat / (Math.sqrt(vHat) + s.epsilon());
                }
            }
            adam.step(rates[t - 1], pool);
        }
        for (int i = 0; i < 77; i++) {
            assertEquals(w[0][i], matrix.value()[i], 2e-6, "matrix " + i);
        }
        for (int i = 0; i < 37; i++) {
            assertEquals(w[1][i], norm.value()[i], 2e-6, "norm " + i);
        }
        assertEquals(3, adam.stepCount());
        assertEquals(2L * (77 + 37) * Float.BYTES, adam.stateBytes());
    }

    @Test
    void adamWRejectsFrozenParameters() {
        Parameter frozen = new Parameter("f", 1, 4, new float[4], false, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdamW(List.of(frozen), AdamW.Settings.defaults()));
        assertTrue(e.getMessage().contains("'f' is frozen"), e.getMessage());
    }

    @Test
    void warmupThenCosine() {
        WarmupCosine s = new WarmupCosine(1e-3, 1e-4, 10, 110);
        assertEquals(1e-4, s.rate(0), 1e-12);
        assertEquals(5e-4, s.rate(4), 1e-12);
        assertEquals(1e-3, s.rate(9), 1e-12);
        assertEquals(1e-3, s.rate(10), 1e-12);
        assertEquals(1e-4 + 0.5 * 9e-4, s.rate(60), 1e-12);
        assertEquals(1e-4, s.rate(110), 1e-12);
        assertEquals(1e-4, s.rate(1000), 1e-12);
        for (long t = 10; t < 110; t++) {
            assertTrue(s.rate(t + 1) <= s.rate(t), "decreasing after warm-up at " + t);
        }
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosine(1e-3, 1e-2, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosine(1e-3, 0, 11, 10));
    }

    @Test
    void clippingScalesAllGradientsToTheGlobalNorm() {
        Parameter a = new Parameter("a", 1, 2, new float[2], true, false);
        Parameter b = new Parameter("b", 1, 1, new float[1], true, false);
        a.gradient()[0] = 3;
        a.gradient()[1] = 0;
        b.gradient()[0] = 4;
        assertEquals(5.0, GradientClipping.clip(List.of(a, b), 10, pool), 1e-12);
        assertEquals(3f, a.gradient()[0]);
        assertEquals(5.0, GradientClipping.clip(List.of(a, b), 1, pool), 1e-12);
        assertEquals(0.6f, a.gradient()[0], 1e-7);
        assertEquals(0.8f, b.gradient()[0], 1e-7);
        assertEquals(1.0, GradientClipping.globalNorm(List.of(a, b), pool), 1e-6);

        Parameter big = new Parameter("big", 3, 5000, new float[15000], true, true);
        float[] g = TestArrays.gaussian(15000, 7);
        System.arraycopy(g, 0, big.gradient(), 0, g.length);
        double exact = 0;
        for (float v : g) {
            exact += (double) v * v;
        }
        assertEquals(Math.sqrt(exact), GradientClipping.globalNorm(List.of(big), pool), 1e-5 * Math.sqrt(exact));
    }
}
