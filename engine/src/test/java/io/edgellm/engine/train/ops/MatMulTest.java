package io.edgellm.engine.train.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.WeightMatrices;
import io.edgellm.engine.tensor.WeightMatrix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three products against triple loops in double precision. Sizes cover single elements, row
 * counts that are not a multiple of the six-row tile, widths that are not a multiple of the vector
 * tile (masked edges) and reductions longer than one {@link MatMul#KC} chunk.
 */
class MatMulTest {

    static final ComputePool pool = TestPool.POOL;

    /** f32 sums of k products of unit-scale values are within a few k·2⁻²⁴ of the exact sum. */
    static void assertClose(double[] expected, float[] actual, int k, String what) {
        double tolerance = 1e-6 * (k + 4);
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            assertTrue(diff <= tolerance * Math.max(1, Math.abs(expected[i])),
                    what + " element " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "7,19,5", "6,64,64", "13,70,33", "64,128,96", "5,300,130", "31,17,300", "130,96,80"})
    void forward(int n, int in, int out) {
        float[] x = TestArrays.gaussian(n * in, 1);
        float[] w = TestArrays.gaussian(out * in, 2);
        double[] expected = new double[n * out];
        for (int t = 0; t < n; t++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += (double) x[t * in + i] * w[o * in + i];
                }
                expected[t * out + o] = s;
            }
        }
        float[] y = TestArrays.gaussian(n * out, 3);
        new MatMul(pool).forward(y, x, w, n, in, out, false);
        assertClose(expected, y, in, "forward");

        float[] y0 = TestArrays.gaussian(n * out, 3);
        WeightMatrix frozen = WeightMatrices.of(GGMLType.F32, MemorySegment.ofArray(w), out, in);
        float[] viaMatrix = y0.clone();
        new MatMul(pool).forward(viaMatrix, x, frozen, n);
        assertClose(expected, viaMatrix, in, "forward through a WeightMatrix");

        float[] acc = y0.clone();
        new MatMul(pool).forward(acc, x, w, n, in, out, true);
        for (int i = 0; i < expected.length; i++) {
            expected[i] += y0[i];
        }
        assertClose(expected, acc, in, "forward accumulate");
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "7,19,5", "13,70,33", "64,96,128", "5,130,300", "31,300,17"})
    void backwardData(int n, int in, int out) {
        float[] dy = TestArrays.gaussian(n * out, 4);
        float[] w = TestArrays.gaussian(out * in, 5);
        float[] dx0 = TestArrays.gaussian(n * in, 6);
        double[] expected = new double[n * in];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < in; i++) {
                double s = dx0[t * in + i];
                for (int o = 0; o < out; o++) {
                    s += (double) dy[t * out + o] * w[o * in + i];
                }
                expected[t * in + i] = s;
            }
        }
        float[] dx = dx0.clone();
        new MatMul(pool).backwardData(dx, dy, w, n, in, out, true);
        assertClose(expected, dx, out, "backwardData");

        WeightMatrix frozen = WeightMatrices.of(GGMLType.F32, MemorySegment.ofArray(w), out, in);
        float[] viaMatrix = dx0.clone();
        new MatMul(pool).backwardData(viaMatrix, dy, frozen, n, true);
        assertClose(expected, viaMatrix, out, "backwardData through a WeightMatrix");

        float[] overwritten = dx0.clone();
        new MatMul(pool).backwardData(overwritten, dy, frozen, n, false);
        for (int i = 0; i < expected.length; i++) {
            expected[i] -= dx0[i];
        }
        assertClose(expected, overwritten, out, "backwardData without accumulation");
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "7,19,5", "13,70,33", "300,64,40", "128,256,96", "17,31,300"})
    void backwardWeights(int n, int in, int out) {
        float[] dy = TestArrays.gaussian(n * out, 7);
        float[] x = TestArrays.gaussian(n * in, 8);
        float[] dw0 = TestArrays.gaussian(out * in, 9);
        double[] expected = new double[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double s = dw0[o * in + i];
                for (int t = 0; t < n; t++) {
                    s += (double) dy[t * out + o] * x[t * in + i];
                }
                expected[o * in + i] = s;
            }
        }
        float[] dw = dw0.clone();
        new MatMul(pool).backwardWeights(dw, dy, x, n, in, out);
        assertClose(expected, dw, n, "backwardWeights");
    }

    /**
     * The frozen-weight products on quantized matrices, against the same products of their
     * dequantized values: 300 rows cross the 128-row panels, 256 columns are whole K-quant blocks.
     */
    @ParameterizedTest
    @EnumSource(value = GGMLType.class, names = {"F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void frozenProductsOnQuantizedWeights(GGMLType type) {
        int n = 9;
        int in = 256;
        int out = 300;
        try (Arena arena = Arena.ofShared()) {
            WeightMatrix w = WeightMatrices.quantize(type, TestArrays.gaussian(out * in, 13), out, in, arena);
            double[] dense = new double[out * in];
            float[] row = new float[in];
            for (int r = 0; r < out; r++) {
                w.dequantizeRow(r, row, 0);
                for (int i = 0; i < in; i++) {
                    dense[r * in + i] = row[i];
                }
            }
            float[] x = TestArrays.gaussian(n * in, 14);
            float[] dy = TestArrays.gaussian(n * out, 15);
            double[] y = new double[n * out];
            double[] dx = new double[n * in];
            for (int t = 0; t < n; t++) {
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        y[t * out + o] += dense[o * in + i] * x[t * in + i];
                        dx[t * in + i] += dense[o * in + i] * dy[t * out + o];
                    }
                }
            }
            float[] actualY = new float[n * out];
            new MatMul(pool).forward(actualY, x, w, n);
            assertClose(y, actualY, in, type + " forward");
            float[] actualDx = new float[n * in];
            new MatMul(pool).backwardData(actualDx, dy, w, n, false);
            assertClose(dx, actualDx, out, type + " backwardData");
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int n = 50;
        int in = 72;
        int out = 90;
        float[] x = TestArrays.gaussian(n * in, 10);
        float[] w = TestArrays.gaussian(out * in, 11);
        float[] dy = TestArrays.gaussian(n * out, 12);
        float[][] results = new float[2][];
        try (ComputePool single = new ComputePool(1)) {
            ComputePool[] pools = {single, pool};
            for (int p = 0; p < 2; p++) {
                MatMul mm = new MatMul(pools[p]);
                float[] y = new float[n * out];
                float[] dx = new float[n * in];
                float[] dw = new float[out * in];
                mm.forward(y, x, w, n, in, out, false);
                mm.backwardData(dx, dy, w, n, in, out, false);
                mm.backwardWeights(dw, dy, x, n, in, out);
                results[p] = TestArrays.concat(y, dx, dw);
            }
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void tooSmallArraysAreRejected() {
        MatMul mm = new MatMul(pool);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mm.forward(new float[3], new float[6], new float[6], 2, 3, 2, false));
        assertTrue(e.getMessage().contains("result has 3 values, 2x2 needed"), e.getMessage());
    }
}
