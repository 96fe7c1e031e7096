package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The 12 bytes of Q4_K and Q5_K super-blocks that hold eight 6-bit sub-block scales and eight 6-bit
 * mins (ggml's {@code get_scale_min_k4}; {@link AffineKRows#factors} reads them): bytes 0..3 hold
 * scales 0..3 in their low 6 bits, bytes 4..7 mins 0..3, bytes 8..11 the low 4 bits of scales 4..7 (low
 * nibble) and mins 4..7 (high nibble); the top two bits of bytes 0..3 and 4..7 are the high bits of
 * scales 4..7 and mins 4..7.
 */
final class KScales {

    static final int SUB_BLOCKS = 8;

    private KScales() {
    }

    /** Packs eight scales and eight mins (each 0..63) into the 12-byte layout. */
    static void pack(int[] scales, int[] mins, MemorySegment data, long offset) {
        for (int j = 0; j < 4; j++) {
            int high = j + 4;
            data.set(ValueLayout.JAVA_BYTE, offset + j, (byte) (scales[j] | (scales[high] >> 4) << 6));
            data.set(ValueLayout.JAVA_BYTE, offset + 4 + j, (byte) (mins[j] | (mins[high] >> 4) << 6));
            data.set(ValueLayout.JAVA_BYTE, offset + 8 + j, (byte) ((scales[high] & 0xF) | (mins[high] & 0xF) << 4));
        }
    }
}
