package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q5_K (176 bytes per 256 values): {@link AffineKRows} super-blocks whose quants are 5-bit: after the
 * scales, 32 bytes {@code qh} whose bit {@code 2c} / {@code 2c + 1} of byte {@code l} is the fifth bit of
 * value {@code l} of the low / high sub-block of chunk {@code c}, then 128 bytes of low nibbles.
 */
final class Q5_KMatrix extends AbstractWeightMatrix {

    private static final int BLOCK_BYTES = 176;
    private static final int QH_AT = 16;
    private static final int QS_AT = 48;

    private static final AffineKRows.Quants QUANTS = new AffineKRows.Quants() {
        @Override
        public ByteVector low(MemorySegment data, long block, int c, int h) {
            return AffineKRows.lowNibbles(Simd.bytes(data, block + QS_AT + c * AffineKRows.SUB + h))
                    .or(fifthBit(data, block, h, 2 * c));
        }

        @Override
        public ByteVector high(MemorySegment data, long block, int c, int h) {
            return AffineKRows.highNibbles(Simd.bytes(data, block + QS_AT + c * AffineKRows.SUB + h))
                    .or(fifthBit(data, block, h, 2 * c + 1));
        }
    };

    Q5_KMatrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.Q5_K, data, rows, cols);
    }

    /** Bit {@code bit} of the {@code qh} bytes of lanes {@code [h, h + LANES)}, as 0 or 16. */
    private static ByteVector fifthBit(MemorySegment data, long block, int h, int bit) {
        return Simd.bytes(data, block + QH_AT + h).lanewise(VectorOperators.LSHR, bit).and((byte) 1)
                .lanewise(VectorOperators.LSHL, 4);
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        long block = row * rowBytes + (long) (colFrom / AffineKRows.QK) * BLOCK_BYTES;
        AffineKRows.dequantize(data, block, BLOCK_BYTES, count, out, offset, QUANTS);
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        AffineKRows.matVec(this, BLOCK_BYTES, x, out, rowFrom, rowTo, QUANTS);
    }
}
