package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;

/**
 * Q4_K (144 bytes per 256 values): {@link AffineKRows} super-blocks whose quants are 4-bit, 128 bytes of
 * nibbles after the scales.
 */
final class Q4_KMatrix extends AbstractWeightMatrix {

    private static final int BLOCK_BYTES = 144;
    private static final int QS_AT = 16;

    private static final AffineKRows.Quants QUANTS = new AffineKRows.Quants() {
        @Override
        public ByteVector low(MemorySegment data, long block, int c, int h) {
            return AffineKRows.lowNibbles(Simd.bytes(data, block + QS_AT + c * AffineKRows.SUB + h));
        }

        @Override
        public ByteVector high(MemorySegment data, long block, int c, int h) {
            return AffineKRows.highNibbles(Simd.bytes(data, block + QS_AT + c * AffineKRows.SUB + h));
        }
    };

    Q4_KMatrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.Q4_K, data, rows, cols);
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
