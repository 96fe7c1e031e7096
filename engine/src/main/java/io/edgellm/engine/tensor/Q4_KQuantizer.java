package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Q4_K with ggml's reference search (levels 0..15, 21 candidate scales from rmin −1 in steps of 0.1). */
final class Q4_KQuantizer extends AffineKQuantizer {

    private static final int QS_AT = 16;

    Q4_KQuantizer() {
        super(GGMLType.Q4_K, 15, -1f, 0.1f, 20);
    }

    @Override
    void packLevels(int[] levels, MemorySegment dst, long block) {
        for (int c = 0; c < AffineKRows.CHUNKS; c++) {
            for (int l = 0; l < AffineKRows.SUB; l++) {
                int lo = levels[2 * c * AffineKRows.SUB + l];
                int hi = levels[(2 * c + 1) * AffineKRows.SUB + l];
                dst.set(ValueLayout.JAVA_BYTE, block + QS_AT + c * AffineKRows.SUB + l, (byte) (lo | hi << 4));
            }
        }
    }
}
