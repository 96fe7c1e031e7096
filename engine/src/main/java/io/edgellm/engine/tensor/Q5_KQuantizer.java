package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Q5_K with ggml's reference search (levels 0..31, 16 candidate scales from rmin −0.5 in steps of 0.1). */
final class Q5_KQuantizer extends AffineKQuantizer {

    private static final int QH_AT = 16;
    private static final int QS_AT = 48;

    Q5_KQuantizer() {
        super(GGMLType.Q5_K, 31, -0.5f, 0.1f, 15);
    }

    @Override
    void packLevels(int[] levels, MemorySegment dst, long block) {
        int sub = AffineKRows.SUB;
        for (int l = 0; l < sub; l++) {
            int high = 0;
            for (int c = 0; c < AffineKRows.CHUNKS; c++) {
                int lo = levels[2 * c * sub + l];
                int hi = levels[(2 * c + 1) * sub + l];
                high |= (lo >> 4) << (2 * c) | (hi >> 4) << (2 * c + 1);
                dst.set(ValueLayout.JAVA_BYTE, block + QS_AT + c * sub + l, (byte) ((lo & 0xF) | (hi & 0xF) << 4));
            }
            dst.set(ValueLayout.JAVA_BYTE, block + QH_AT + l, (byte) high);
        }
    }
}
