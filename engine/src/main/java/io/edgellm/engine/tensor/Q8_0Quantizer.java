package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** ggml's {@code quantize_row_q8_0_ref}: d = max|x| / 127, q = round(x / d), ties away from zero. */
final class Q8_0Quantizer extends BlockQuantizer {

    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 34;

    Q8_0Quantizer() {
        super(GGMLType.Q8_0);
    }

    @Override
    void quantizeBlocks(float[] src, int offset, int blocks, MemorySegment dst, long dstOffset) {
        for (int b = 0; b < blocks; b++) {
            int x = offset + b * BLOCK;
            long block = dstOffset + (long) b * BLOCK_BYTES;
            float amax = 0;
            for (int j = 0; j < BLOCK; j++) {
                amax = Math.max(amax, Math.abs(src[x + j]));
            }
            float d = amax / 127;
            float id = d != 0 ? 1 / d : 0;
            putF16(dst, block, d);
            for (int j = 0; j < BLOCK; j++) {
                dst.set(ValueLayout.JAVA_BYTE, block + 2 + j, (byte) roundAway(src[x + j] * id));
            }
        }
    }

    /** C's {@code roundf}: halves go away from zero ({@link Math#round} sends them up). */
    private static int roundAway(float v) {
        return v < 0 ? -Math.round(-v) : Math.round(v);
    }
}
