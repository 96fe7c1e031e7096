package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * ggml's {@code quantize_row_q6_K_ref}: each group of 16 gets a signed scale from
 * {@link KQuantSearch#symmetric} (levels −32..31); the scales are stored as signed bytes against the
 * largest-magnitude one (which maps to −128), and the values re-rounded with the stored scales.
 */
final class Q6_KQuantizer extends BlockQuantizer {

    private static final int QK = 256;
    private static final int GROUP = 16;
    private static final int GROUPS = QK / GROUP;
    private static final int BLOCK_BYTES = 210;
    private static final int QH_AT = 128;
    private static final int SCALES_AT = 192;
    private static final int D_AT = 208;

    Q6_KQuantizer() {
        super(GGMLType.Q6_K);
    }

    @Override
    void quantizeBlocks(float[] src, int offset, int blocks, MemorySegment dst, long dstOffset) {
        int[] levels = new int[QK];
        float[] scales = new float[GROUPS];
        for (int b = 0; b < blocks; b++) {
            int x = offset + b * QK;
            long block = dstOffset + (long) b * BLOCK_BYTES;
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int g = 0; g < GROUPS; g++) {
                scales[g] = KQuantSearch.symmetric(src, x + g * GROUP, GROUP, 32, levels, g * GROUP);
                if (Math.abs(scales[g]) > maxAbsScale) {
                    maxAbsScale = Math.abs(scales[g]);
                    maxScale = scales[g];
                }
            }
            if (maxAbsScale < KQuantSearch.GROUP_MAX_EPS) {
                dst.asSlice(block, BLOCK_BYTES).fill((byte) 0);
                continue;
            }
            float iscale = -128f / maxScale;
            putF16(dst, block + D_AT, 1 / iscale);
            float d = Simd.f16(dst, block + D_AT);
            for (int g = 0; g < GROUPS; g++) {
                int stored = Math.min(127, KQuantSearch.nearestInt(iscale * scales[g]));
                dst.set(ValueLayout.JAVA_BYTE, block + SCALES_AT + g, (byte) stored);
                float dg = d * stored;
                if (dg == 0) {
                    continue;
                }
                for (int i = 0; i < GROUP; i++) {
                    int level = KQuantSearch.nearestInt(src[x + g * GROUP + i] / dg);
                    levels[g * GROUP + i] = KQuantSearch.clamp(level, -32, 31) + 32;
                }
            }
            pack(levels, dst, block);
        }
    }

    /** Quarter k of each half: low nibbles into ql (k = 0, 1 low, k = 2, 3 high), top two bits into qh bits 2k. */
    private static void pack(int[] levels, MemorySegment dst, long block) {
        for (int half = 0; half < 2; half++) {
            int base = half * 128;
            for (int l = 0; l < 32; l++) {
                int q1 = levels[base + l];
                int q2 = levels[base + l + 32];
                int q3 = levels[base + l + 64];
                int q4 = levels[base + l + 96];
                dst.set(ValueLayout.JAVA_BYTE, block + half * 64 + l, (byte) ((q1 & 0xF) | (q3 & 0xF) << 4));
                dst.set(ValueLayout.JAVA_BYTE, block + half * 64 + 32 + l, (byte) ((q2 & 0xF) | (q4 & 0xF) << 4));
                dst.set(ValueLayout.JAVA_BYTE, block + QH_AT + half * 32 + l,
                        (byte) (q1 >> 4 | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6));
            }
        }
    }
}
