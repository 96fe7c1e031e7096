package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_K (144 bytes per 256 values): {@link AffineKRows} super-blocks whose quants are 4-bit, 128 bytes of
 * nibbles after the scales.
 */
final class Q4_KMatrix extends AbstractWeightMatrix {

    private static final int BLOCK_BYTES = 144;
    private static final int QS_AT = 16;
    private static final float[] LEVELS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final FloatVector LEVELS_LOW = FloatVector.fromArray(F, LEVELS, 0);
    private static final FloatVector LEVELS_HIGH = FloatVector.fromArray(F, LEVELS, LEVELS.length - LANES);

    Q4_KMatrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.Q4_K, data, rows, cols);
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        long block = row * rowBytes + (long) (colFrom / AffineKRows.QK) * BLOCK_BYTES;
        AffineKRows.dequantize(data, block, BLOCK_BYTES, AffineKRows.NO_HIGH_BITS, count, out, offset);
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        int superBlocks = cols / AffineKRows.QK;
        float[] factors0 = new float[superBlocks * AffineKRows.FACTORS];
        float[] factors1 = new float[superBlocks * AffineKRows.FACTORS];
        forRowPairs(rowFrom, rowTo, (r0, r1) -> {
            AffineKRows.factors(data, r0 * rowBytes, BLOCK_BYTES, superBlocks, factors0);
            AffineKRows.factors(data, r1 * rowBytes, BLOCK_BYTES, superBlocks, factors1);
            dot2(r0, r1, x, factors0, factors1, out);
        });
    }

    /** The 16 values {@code d · scale · q − dmin · min} of sub-block {@code s} (factors at s and s + 8). */
    private static FloatVector table(FloatVector levels, float[] factors, int s) {
        return levels.fma(FloatVector.broadcast(F, factors[s]),
                FloatVector.broadcast(F, factors[s + KScales.SUB_BLOCKS]));
    }

    /**
     * Like {@link Q4_0Matrix}'s kernel: each sub-block's 16 possible values form a lookup table, so a nibble
     * becomes its weight, scale and min included, in one permute, and the min terms need no separate sums.
     */
    private void dot2(int r0, int r1, float[] x, float[] factors0, float[] factors1, float[] out) {
        long q0 = r0 * rowBytes + QS_AT;
        long q1 = r1 * rowBytes + QS_AT;
        FloatVector lo0 = FloatVector.zero(F);
        FloatVector hi0 = FloatVector.zero(F);
        FloatVector lo1 = FloatVector.zero(F);
        FloatVector hi1 = FloatVector.zero(F);
        int sub = AffineKRows.SUB;
        for (int j = 0, f = 0; j < cols; j += AffineKRows.QK, f += AffineKRows.FACTORS, q0 += BLOCK_BYTES, q1 += BLOCK_BYTES) {
            for (int c = 0; c < AffineKRows.CHUNKS; c++) {
                int s = f + 2 * c;
                FloatVector low0 = table(LEVELS_LOW, factors0, s);
                FloatVector high0 = table(LEVELS_LOW, factors0, s + 1);
                FloatVector low1 = table(LEVELS_LOW, factors1, s);
                FloatVector high1 = table(LEVELS_LOW, factors1, s + 1);
                // With 8 lanes a table of 16 takes two vectors; with 16 the second half is never indexed.
                boolean one = LANES == LEVELS.length;
                FloatVector low0b = one ? low0 : table(LEVELS_HIGH, factors0, s);
                FloatVector high0b = one ? high0 : table(LEVELS_HIGH, factors0, s + 1);
                FloatVector low1b = one ? low1 : table(LEVELS_HIGH, factors1, s);
                FloatVector high1b = one ? high1 : table(LEVELS_HIGH, factors1, s + 1);
                int at = j + 2 * c * sub;
                for (int h = 0; h < sub; h += LANES) {
                    FloatVector xl = FloatVector.fromArray(F, x, at + h);
                    FloatVector xh = FloatVector.fromArray(F, x, at + sub + h);
                    IntVector b0 = Simd.unsignedBytes(data, q0 + c * sub + h);
                    IntVector b1 = Simd.unsignedBytes(data, q1 + c * sub + h);
                    lo0 = Simd.lookup(b0, low0, low0b).fma(xl, lo0);
                    hi0 = Simd.lookup(b0.lanewise(VectorOperators.LSHR, 4), high0, high0b).fma(xh, hi0);
                    lo1 = Simd.lookup(b1, low1, low1b).fma(xl, lo1);
                    hi1 = Simd.lookup(b1.lanewise(VectorOperators.LSHR, 4), high1, high1b).fma(xh, hi1);
                }
            }
        }
        out[r0] = lo0.add(hi0).reduceLanes(VectorOperators.ADD);
        out[r1] = lo1.add(hi1).reduceLanes(VectorOperators.ADD);
    }
}
