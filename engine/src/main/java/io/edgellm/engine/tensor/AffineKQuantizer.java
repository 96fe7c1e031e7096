package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * ggml's reference quantizer for Q4_K and Q5_K ({@code quantize_row_q4_K_ref}, {@code quantize_row_q5_K_ref}):
 * each sub-block of 32 gets its own (scale, min) from {@link KQuantSearch#affine} with weights
 * {@code rms(sub-block) + |x|}; scales and mins are then quantized to 6 bits against the super-block's
 * largest, and the values re-rounded with the scales actually stored. Subclasses pack the levels.
 */
abstract class AffineKQuantizer extends BlockQuantizer {

    private static final int QK = AffineKRows.QK;
    private static final int SUB = AffineKRows.SUB;
    private static final int SIX_BITS = 63;

    private final int nmax;
    private final float rmin;
    private final float rdelta;
    private final int nstep;
    private final int blockBytes;

    AffineKQuantizer(GGMLType type, int nmax, float rmin, float rdelta, int nstep) {
        super(type);
        this.nmax = nmax;
        this.rmin = rmin;
        this.rdelta = rdelta;
        this.nstep = nstep;
        this.blockBytes = type.blockBytes();
    }

    /** Writes the levels ({@code 0..nmax}, in value order) of one super-block starting at {@code block}. */
    abstract void packLevels(int[] levels, MemorySegment dst, long block);

    @Override
    void quantizeBlocks(float[] src, int offset, int blocks, MemorySegment dst, long dstOffset) {
        int[] levels = new int[QK];
        float[] weights = new float[SUB];
        float[] scales = new float[KScales.SUB_BLOCKS];
        float[] mins = new float[KScales.SUB_BLOCKS];
        int[] storedScales = new int[KScales.SUB_BLOCKS];
        int[] storedMins = new int[KScales.SUB_BLOCKS];
        for (int b = 0; b < blocks; b++) {
            int x = offset + b * QK;
            long block = dstOffset + (long) b * blockBytes;
            float maxScale = 0;
            float maxMin = 0;
            for (int j = 0; j < KScales.SUB_BLOCKS; j++) {
                int at = x + j * SUB;
                float sumX2 = 0;
                for (int l = 0; l < SUB; l++) {
                    sumX2 += src[at + l] * src[at + l];
                }
                float rms = (float) Math.sqrt(sumX2 / SUB);
                for (int l = 0; l < SUB; l++) {
                    weights[l] = rms + Math.abs(src[at + l]);
                }
                float[] fit = KQuantSearch.affine(src, at, SUB, nmax, weights, levels, j * SUB, rmin, rdelta, nstep);
                scales[j] = fit[0];
                mins[j] = fit[1];
                maxScale = Math.max(maxScale, scales[j]);
                maxMin = Math.max(maxMin, mins[j]);
            }
            float invScale = maxScale > 0 ? SIX_BITS / maxScale : 0;
            float invMin = maxMin > 0 ? SIX_BITS / maxMin : 0;
            for (int j = 0; j < KScales.SUB_BLOCKS; j++) {
                // ggml stores nearest_int through a uint8_t before clamping; keep that wrap-around.
                storedScales[j] = Math.min(SIX_BITS, KQuantSearch.nearestInt(invScale * scales[j]) & 0xFF);
                storedMins[j] = Math.min(SIX_BITS, KQuantSearch.nearestInt(invMin * mins[j]) & 0xFF);
            }
            putF16(dst, block, maxScale / SIX_BITS);
            putF16(dst, block + 2, maxMin / SIX_BITS);
            KScales.pack(storedScales, storedMins, dst, block + 4);
            float d = Simd.f16(dst, block);
            float dmin = Simd.f16(dst, block + 2);
            for (int j = 0; j < KScales.SUB_BLOCKS; j++) {
                float dj = d * storedScales[j];
                if (dj == 0) {
                    continue;
                }
                float mj = dmin * storedMins[j];
                for (int l = 0; l < SUB; l++) {
                    int level = KQuantSearch.nearestInt((src[x + j * SUB + l] + mj) / dj);
                    levels[j * SUB + l] = KQuantSearch.clamp(level, 0, nmax);
                }
            }
            packLevels(levels, dst, block);
        }
    }
}
