package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
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
        float[] factors0 = new float[AffineKRows.FACTORS];
        float[] factors1 = new float[AffineKRows.FACTORS];
        forRowPairs(rowFrom, rowTo, (r0, r1) -> dot2(r0, r1, x, factors0, factors1, out));
    }

    /**
     * Like {@link Q4_0Matrix}'s kernel: each sub-block's 16 possible values {@code d · scale · q − dmin · min}
     * form a lookup table, so a nibble becomes its weight, scale and min included, in one permute, and the min
     * terms need no separate sums. An outer loop over super-blocks unpacks both rows' scales; the inner loop over
     * the four chunks of 64 values (a low and a high sub-block) is then innermost and simple, so the JIT
     * hoists the memory segment's class, bounds and liveness checks out of it. In one flat loop with the
     * scales unpacked under an {@code if}, those checks ran on every chunk: 140 instructions per chunk of
     * two rows instead of about 70, and 1.2x (one thread) to 1.8x (two, after other types) slower. Only Vector API calls
     * here: they are always inlined, while a helper of ours in a method this large meets the JIT's node
     * budget for inlining, is not inlined and boxes every vector it takes or returns (10x slower).
     */
    private void dot2(int r0, int r1, float[] x, float[] factors0, float[] factors1, float[] out) {
        long q0 = r0 * rowBytes + QS_AT;
        long q1 = r1 * rowBytes + QS_AT;
        FloatVector lo0 = FloatVector.zero(F);
        FloatVector hi0 = FloatVector.zero(F);
        FloatVector lo1 = FloatVector.zero(F);
        FloatVector hi1 = FloatVector.zero(F);
        int sub = AffineKRows.SUB;
        int min = KScales.SUB_BLOCKS;
        // With 8 lanes a table of 16 takes two vectors; with 16 the second half is never indexed.
        boolean one = LANES == LEVELS.length;
        for (int first = 0; first < cols; first += AffineKRows.QK) {
            long block = (long) (first / AffineKRows.QK) * BLOCK_BYTES;
            AffineKRows.factors(data, q0 - QS_AT + block, BLOCK_BYTES, 1, factors0);
            AffineKRows.factors(data, q1 - QS_AT + block, BLOCK_BYTES, 1, factors1);
            for (int chunk = 0; chunk < AffineKRows.CHUNKS; chunk++) {
                int j = first + 2 * chunk * sub;
                int s = 2 * chunk;
                long at = block + (long) chunk * sub;
                FloatVector dLo0 = FloatVector.broadcast(F, factors0[s]);
                FloatVector mLo0 = FloatVector.broadcast(F, factors0[s + min]);
                FloatVector dHi0 = FloatVector.broadcast(F, factors0[s + 1]);
                FloatVector mHi0 = FloatVector.broadcast(F, factors0[s + 1 + min]);
                FloatVector dLo1 = FloatVector.broadcast(F, factors1[s]);
                FloatVector mLo1 = FloatVector.broadcast(F, factors1[s + min]);
                FloatVector dHi1 = FloatVector.broadcast(F, factors1[s + 1]);
                FloatVector mHi1 = FloatVector.broadcast(F, factors1[s + 1 + min]);
                IntVector low0 = LEVELS_LOW.fma(dLo0, mLo0).reinterpretAsInts();
                IntVector high0 = LEVELS_LOW.fma(dHi0, mHi0).reinterpretAsInts();
                IntVector low1 = LEVELS_LOW.fma(dLo1, mLo1).reinterpretAsInts();
                IntVector high1 = LEVELS_LOW.fma(dHi1, mHi1).reinterpretAsInts();
                IntVector low0b = one ? low0 : LEVELS_HIGH.fma(dLo0, mLo0).reinterpretAsInts();
                IntVector high0b = one ? high0 : LEVELS_HIGH.fma(dHi0, mHi0).reinterpretAsInts();
                IntVector low1b = one ? low1 : LEVELS_HIGH.fma(dLo1, mLo1).reinterpretAsInts();
                IntVector high1b = one ? high1 : LEVELS_HIGH.fma(dHi1, mHi1).reinterpretAsInts();
                for (int h = 0; h < sub; h += LANES) {
                    FloatVector xl = FloatVector.fromArray(F, x, j + h);
                    FloatVector xh = FloatVector.fromArray(F, x, j + sub + h);
                    IntVector b0 = (IntVector) ByteVector.fromMemorySegment(Simd.B, data, q0 + at + h, Simd.LE)
                            .convertShape(VectorOperators.ZERO_EXTEND_B2I, Simd.I, 0);
                    IntVector b1 = (IntVector) ByteVector.fromMemorySegment(Simd.B, data, q1 + at + h, Simd.LE)
                            .convertShape(VectorOperators.ZERO_EXTEND_B2I, Simd.I, 0);
                    lo0 = b0.selectFrom(low0, low0b).reinterpretAsFloats().fma(xl, lo0);
                    hi0 = b0.lanewise(VectorOperators.LSHR, 4).selectFrom(high0, high0b).reinterpretAsFloats().fma(xh, hi0);
                    lo1 = b1.selectFrom(low1, low1b).reinterpretAsFloats().fma(xl, lo1);
                    hi1 = b1.lanewise(VectorOperators.LSHR, 4).selectFrom(high1, high1b).reinterpretAsFloats().fma(xh, hi1);
                }
            }
        }
        out[r0] = lo0.add(hi0).reduceLanes(VectorOperators.ADD);
        out[r1] = lo1.add(hi1).reduceLanes(VectorOperators.ADD);
    }
}
