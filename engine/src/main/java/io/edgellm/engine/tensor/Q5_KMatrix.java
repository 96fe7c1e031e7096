package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Q5_K (176 bytes per 256 values): {@link AffineKRows} super-blocks whose quants are 5-bit: after the
 * scales, 32 bytes {@code qh} whose bit {@code 2c} / {@code 2c + 1} of byte {@code l} is the fifth bit of
 * value {@code l} of the low / high sub-block of chunk {@code c}, then 128 bytes of low nibbles.
 */
final class Q5_KMatrix extends AbstractWeightMatrix {

    private static final int BLOCK_BYTES = 176;
    private static final int QH_AT = 16;

    Q5_KMatrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.Q5_K, data, rows, cols);
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        long block = row * rowBytes + (long) (colFrom / AffineKRows.QK) * BLOCK_BYTES;
        AffineKRows.dequantize(data, block, BLOCK_BYTES, QH_AT, count, out, offset);
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        AffineKRows.matVec(this, BLOCK_BYTES, QH_AT, x, out, rowFrom, rowTo);
    }
}
