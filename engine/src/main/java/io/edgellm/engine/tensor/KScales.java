package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The 12 bytes of Q4_K and Q5_K super-blocks that hold eight 6-bit sub-block scales and eight 6-bit
 * mins (ggml's {@code get_scale_min_k4}): bytes 0..3 hold scales 0..3 in their low 6 bits, bytes 4..7
 * mins 0..3, bytes 8..11 the low 4 bits of scales 4..7 (low nibble) and mins 4..7 (high nibble); the top
 * two bits of bytes 0..3 and 4..7 are the high bits of scales 4..7 and mins 4..7.
 */
final class KScales {

    static final int SUB_BLOCKS = 8;
    static final int BYTES = 12;

    private KScales() {
    }

    /** Unpacks into {@code out[0, 8)} (scales) and {@code out[8, 16)} (mins), reading the bytes as three words. */
    static void unpack(MemorySegment data, long offset, int[] out) {
        int a0 = data.get(Simd.INT_LE, offset);
        int a1 = data.get(Simd.INT_LE, offset + 4);
        int a2 = data.get(Simd.INT_LE, offset + 8);
        spread(a0 & 0x3F3F_3F3F, out, 0);
        spread((a2 & 0x0F0F_0F0F) | ((a0 >>> 2) & 0x3030_3030), out, 4);
        spread(a1 & 0x3F3F_3F3F, out, 8);
        spread(((a2 >>> 4) & 0x0F0F_0F0F) | ((a1 >>> 2) & 0x3030_3030), out, 12);
    }

    private static void spread(int word, int[] out, int at) {
        out[at] = word & 0xFF;
        out[at + 1] = (word >>> 8) & 0xFF;
        out[at + 2] = (word >>> 16) & 0xFF;
        out[at + 3] = word >>> 24;
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
