package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_0: blocks of 32 values, an f16 scale {@code d} then 16 bytes whose low nibbles are values 0..15
 * and high nibbles values 16..31; value = (q − 8) · d.
 */
final class Q4_0Matrix extends AbstractWeightMatrix {

    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 18;
    private static final int HALF = BLOCK / 2;

    Q4_0Matrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.Q4_0, data, rows, cols);
    }

    /** The offset is applied to the bytes, before widening, where it is cheapest. */
    private static FloatVector low(ByteVector q) {
        return Simd.toFloats(q.and((byte) 0x0F).sub((byte) 8));
    }

    private static FloatVector high(ByteVector q) {
        return Simd.toFloats(q.lanewise(VectorOperators.LSHR, 4).sub((byte) 8));
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
        for (int r = rowFrom; r < rowTo; r++) {
            out[r] = dot(r * rowBytes, x);
        }
    }

    private float dot(long base, float[] x) {
        FloatVector acc = FloatVector.zero(F);
        long block = base;
        for (int j = 0; j < cols; j += BLOCK, block += BLOCK_BYTES) {
            FloatVector sum = FloatVector.zero(F);
            for (int h = 0; h < HALF; h += LANES) {
                ByteVector q = Simd.bytes(data, block + 2 + h);
                sum = low(q).fma(FloatVector.fromArray(F, x, j + h), sum);
                sum = high(q).fma(FloatVector.fromArray(F, x, j + HALF + h), sum);
            }
            acc = sum.fma(FloatVector.broadcast(F, Simd.f16(data, block)), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
