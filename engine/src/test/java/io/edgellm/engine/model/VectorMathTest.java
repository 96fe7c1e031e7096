package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each vectorized helper against a scalar loop written from its definition. Lengths cover a
 * partial vector, exact multiples of 8 and 16 lanes and a tail, at an offset into a larger array.
 */
class VectorMathTest {

    static final int OFF = 3;

    private static float[] random(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n + 2 * OFF];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (scale * r.nextGaussian());
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 16, 37, 64, 130})
    void dotAxpyAdd(int n) {
        float[] a = random(n, 1, 1);
        float[] b = random(n, 2, 1);
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += a[OFF + i] * b[OFF + i];
        }
        assertEquals(dot, VectorMath.dot(a, OFF, b, OFF, n), 1e-5 * n);

        float[] y = b.clone();
        VectorMath.axpy(0.7f, a, OFF, y, OFF, n);
        float[] z = b.clone();
        VectorMath.add(a, OFF, z, OFF, n);
        for (int i = 0; i < y.length; i++) {
            boolean inside = i >= OFF && i < OFF + n;
            assertEquals(inside ? b[i] + 0.7f * a[i] : b[i], y[i], 1e-6);
            assertEquals(inside ? b[i] + a[i] : b[i], z[i], 1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 37, 256})
    void rmsNorm(int n) {
        float[] x = random(n, 3, 2);
        float[] w = random(n, 4, 1);
        float[] out = new float[n + OFF];
        VectorMath.rmsNorm(x, OFF, w, 1e-5f, out, OFF, n);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (double) x[OFF + i] * x[OFF + i];
        }
        double scale = 1 / Math.sqrt(ss / n + 1e-5);
        for (int i = 0; i < n; i++) {
            assertEquals(x[OFF + i] * scale * w[i], out[OFF + i], 1e-5);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 37, 300})
    void softmax(int n) {
        float[] x = random(n, 5, 20);
        float[] expected = x.clone();
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[OFF + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[OFF + i] - max);
        }
        for (int i = 0; i < n; i++) {
            expected[OFF + i] = (float) (Math.exp(x[OFF + i] - max) / sum);
        }
        VectorMath.softmax(x, OFF, n);
        assertArrayEquals(expected, x, 1e-6f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 37, 512})
    void siluMul(int n) {
        float[] gate = random(n, 6, 4);
        float[] up = random(n, 7, 1);
        float[] expected = gate.clone();
        for (int i = OFF; i < OFF + n; i++) {
            double g = gate[i];
            expected[i] = (float) (g / (1 + Math.exp(-g)) * up[i]);
        }
        VectorMath.siluMul(gate, up, OFF, n);
        assertArrayEquals(expected, gate, 1e-5f);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6, 16, 32, 64, 96, 128})
    void ropeInBothLayouts(int dims) {
        for (RopeLayout layout : RopeLayout.values()) {
            ModelConfig c = config(layout, dims);
            Rope rope = new Rope(c, null);
            int position = 37;
            float[] cos = new float[2 * dims];
            float[] sin = new float[2 * dims];
            rope.fillTables(position - 1, 2, cos, sin);

            float[] x = random(2 * dims, 8, 1);
            float[] expected = x.clone();
            for (int i = 0; i < dims / 2; i++) {
                double theta = position * Math.pow(10000, -2.0 * i / dims);
                int a = OFF + dims + (layout == RopeLayout.NORMAL ? 2 * i : i);
                int b = layout == RopeLayout.NORMAL ? a + 1 : a + dims / 2;
                expected[a] = (float) (x[a] * Math.cos(theta) - x[b] * Math.sin(theta));
                expected[b] = (float) (x[a] * Math.sin(theta) + x[b] * Math.cos(theta));
            }
            // Row 1 of the tables is position 37; rotate the second of two heads.
            rope.rotate(x, OFF + dims, 1, dims, cos, sin, 1);
            assertArrayEquals(expected, x, 1e-5f, layout + " " + dims);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 16, 64})
    void partnersPairUp(int dims) {
        for (RopeLayout layout : RopeLayout.values()) {
            for (int j = 0; j < dims; j++) {
                int p = layout.partner(j, dims);
                assertEquals(j, layout.partner(p, dims));
                assertEquals(layout == RopeLayout.NORMAL ? 1 : dims / 2, Math.abs(p - j));
            }
        }
    }

    private static ModelConfig config(RopeLayout layout, int dims) {
        Architecture arch = layout == RopeLayout.NORMAL ? Architecture.LLAMA : Architecture.QWEN2;
        return new ModelConfig(null, arch, 1, dims, 4, 1, 1, dims, dims, 1e-5f, 10000f, dims, 1f, false, 64, 300,
                arch.requiresQkvBias(), true);
    }
}
