package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * ggml's {@code quantize_row_q4_0_ref}: d = m / −8 where m is the value of largest magnitude, so that
 * value maps exactly to −8 and the rest round into 0..15.
 */
final class Q4_0Quantizer extends BlockQuantizer {

    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 18;

    Q4_0Quantizer() {
        super(GGMLType.Q4_0);
    }

    @Override
    void quantizeBlocks(float[] src, int offset, int blocks, MemorySegment dst, long dstOffset) {
        for (int b = 0; b < blocks; b++) {
            int x = offset + b * BLOCK;
            long block = dstOffset + (long) b * BLOCK_BYTES;
            float amax = 0;
            float max = 0;
            for (int j = 0; j < BLOCK; j++) {
                float v = src[x + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0 ? 1 / d : 0;
            putF16(dst, block, d);
            for (int j = 0; j < BLOCK / 2; j++) {
                int lo = Math.min(15, (int) (src[x + j] * id + 8.5f));
                int hi = Math.min(15, (int) (src[x + BLOCK / 2 + j] * id + 8.5f));
                dst.set(ValueLayout.JAVA_BYTE, block + 2 + j, (byte) (lo | hi << 4));
            }
        }
    }
}
