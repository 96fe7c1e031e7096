package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_0: blocks of 32 values, an f16 scale {@code d} then 16 bytes whose low nibbles are values 0..15
 * and high nibbles values 16..31; value = (q − 8) · d.
 */
final class Q4_0Matrix extends AbstractWeightMatrix {

    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 18;
    private static final int HALF = BLOCK / 2;
    /** The 16 levels q − 8, as two vectors of LANES (the same vector when LANES is 16). */
    private static final float[] LEVELS = {-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7};
    private static final FloatVector LEVELS_LOW = FloatVector.fromArray(F, LEVELS, 0);
    private static final FloatVector LEVELS_HIGH = FloatVector.fromArray(F, LEVELS, LEVELS.length - LANES);

    Q4_0Matrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.Q4_0, data, rows, cols);
    }

    /** The offset is applied to the bytes, before widening, where it is cheapest. */
    private static FloatVector low(ByteVector q) {
        return Simd.toFloats(Simd.lowNibbles(q).sub((byte) 8));
    }

    private static FloatVector high(ByteVector q) {
        return Simd.toFloats(Simd.highNibbles(q).sub((byte) 8));
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        long block = row * rowBytes + (long) (colFrom / BLOCK) * BLOCK_BYTES;
        for (int j = 0; j < count; j += BLOCK, block += BLOCK_BYTES) {
            FloatVector d = FloatVector.broadcast(F, Simd.f16(data, block));
            for (int h = 0; h < HALF; h += LANES) {
                ByteVector q = Simd.bytes(data, block + 2 + h);
                low(q).mul(d).intoArray(out, offset + j + h);
                high(q).mul(d).intoArray(out, offset + j + HALF + h);
            }
        }
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        forRowPairs(rowFrom, rowTo, (r0, r1) -> dot2(r0, r1, x, out));
    }

    /**
     * Each block's 16 possible values (q − 8) · d form a lookup table, so a nibble becomes a scaled weight in
     * one permute instead of a widening, a conversion and a later multiply. Low and high nibbles accumulate
     * separately to keep four independent chains.
     */
    private void dot2(int r0, int r1, float[] x, float[] out) {
        long block0 = r0 * rowBytes;
        long block1 = r1 * rowBytes;
        FloatVector lo0 = FloatVector.zero(F);
        FloatVector hi0 = FloatVector.zero(F);
        FloatVector lo1 = FloatVector.zero(F);
        FloatVector hi1 = FloatVector.zero(F);
        for (int j = 0; j < cols; j += BLOCK, block0 += BLOCK_BYTES, block1 += BLOCK_BYTES) {
            float d0 = Simd.f16(data, block0);
            float d1 = Simd.f16(data, block1);
            FloatVector table0 = LEVELS_LOW.mul(d0);
            FloatVector table1 = LEVELS_LOW.mul(d1);
            FloatVector upper0 = LANES == LEVELS.length ? table0 : LEVELS_HIGH.mul(d0);
            FloatVector upper1 = LANES == LEVELS.length ? table1 : LEVELS_HIGH.mul(d1);
            for (int h = 0; h < HALF; h += LANES) {
                FloatVector xl = FloatVector.fromArray(F, x, j + h);
                FloatVector xh = FloatVector.fromArray(F, x, j + HALF + h);
                IntVector q0 = Simd.unsignedBytes(data, block0 + 2 + h);
                IntVector q1 = Simd.unsignedBytes(data, block1 + 2 + h);
                lo0 = Simd.lookup(q0, table0, upper0).fma(xl, lo0);
                hi0 = Simd.lookup(q0.lanewise(VectorOperators.LSHR, 4), table0, upper0).fma(xh, hi0);
                lo1 = Simd.lookup(q1, table1, upper1).fma(xl, lo1);
                hi1 = Simd.lookup(q1.lanewise(VectorOperators.LSHR, 4), table1, upper1).fma(xh, hi1);
            }
        }
        out[r0] = lo0.add(hi0).reduceLanes(VectorOperators.ADD);
        out[r1] = lo1.add(hi1).reduceLanes(VectorOperators.ADD);
    }
}
