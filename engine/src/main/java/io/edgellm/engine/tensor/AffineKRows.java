package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Row loops shared by Q4_K and Q5_K, which differ only in where a value's bits come from. A super-block
 * holds 256 values in 8 sub-blocks of 32: f16 {@code d}, f16 {@code dmin}, packed 6-bit scales and mins
 * ({@link KScales}), then the quants, laid out in four chunks of 64 values whose first 32 come from low
 * nibbles and last 32 from high nibbles of the same 32 bytes. Value = d · scale · q − dmin · min.
 *
 * <p>Callers pass their {@link Quants} as a constant, so once these methods are inlined the decoding is too.
 */
final class AffineKRows {

    static final int QK = 256;
    static final int SUB = 32;
    static final int CHUNKS = 4;
    private static final int SCALES_AT = 4;

    /** Unsigned quants of lanes {@code [h, h + LANES)} of the low / high sub-block of chunk {@code c}. */
    interface Quants {
        ByteVector low(MemorySegment data, long block, int c, int h);

        ByteVector high(MemorySegment data, long block, int c, int h);
    }

    private AffineKRows() {
    }

    static ByteVector lowNibbles(ByteVector q) {
        return q.and((byte) 0x0F);
    }

    static ByteVector highNibbles(ByteVector q) {
        return q.lanewise(VectorOperators.LSHR, 4);
    }

    /** Products are rounded like ggml's reference ({@code d1 * q - m1}, no fused multiply-add). */
    static void dequantize(MemorySegment data, long block, int blockBytes, int count, float[] out, int offset,
            Quants quants) {
        int[] scales = new int[2 * KScales.SUB_BLOCKS];
        for (int j = 0; j < count; j += QK, block += blockBytes) {
            float d = Simd.f16(data, block);
            float dmin = Simd.f16(data, block + 2);
            KScales.unpack(data, block + SCALES_AT, scales);
            for (int c = 0; c < CHUNKS; c++) {
                int lo = 2 * c;
                FloatVector dLo = FloatVector.broadcast(F, d * scales[lo]);
                FloatVector mLo = FloatVector.broadcast(F, dmin * scales[KScales.SUB_BLOCKS + lo]);
                FloatVector dHi = FloatVector.broadcast(F, d * scales[lo + 1]);
                FloatVector mHi = FloatVector.broadcast(F, dmin * scales[KScales.SUB_BLOCKS + lo + 1]);
                int at = offset + j + lo * SUB;
                for (int h = 0; h < SUB; h += LANES) {
                    Simd.toFloats(quants.low(data, block, c, h)).mul(dLo).sub(mLo).intoArray(out, at + h);
                    Simd.toFloats(quants.high(data, block, c, h)).mul(dHi).sub(mHi).intoArray(out, at + SUB + h);
                }
            }
        }
    }

    /**
     * Scaled per-lane sums go into one accumulator (one horizontal sum per row); the min terms are
     * {@code dmin · min · Σx} over each sub-block, from {@code xSums} (sums of 32 consecutive x).
     */
    static float dot(MemorySegment data, long block, int blockBytes, int cols, float[] x, float[] xSums, int[] scales,
            Quants quants) {
        FloatVector acc = FloatVector.zero(F);
        float mins = 0;
        for (int j = 0; j < cols; j += QK, block += blockBytes) {
            float d = Simd.f16(data, block);
            float dmin = Simd.f16(data, block + 2);
            KScales.unpack(data, block + SCALES_AT, scales);
            int sub = j / SUB;
            float blockMins = 0;
            for (int c = 0; c < CHUNKS; c++) {
                FloatVector lo = FloatVector.zero(F);
                FloatVector hi = FloatVector.zero(F);
                int at = j + 2 * c * SUB;
                for (int h = 0; h < SUB; h += LANES) {
                    lo = Simd.toFloats(quants.low(data, block, c, h)).fma(FloatVector.fromArray(F, x, at + h), lo);
                    hi = Simd.toFloats(quants.high(data, block, c, h)).fma(FloatVector.fromArray(F, x, at + SUB + h), hi);
                }
                acc = lo.fma(FloatVector.broadcast(F, d * scales[2 * c]), acc);
                acc = hi.fma(FloatVector.broadcast(F, d * scales[2 * c + 1]), acc);
                blockMins += scales[KScales.SUB_BLOCKS + 2 * c] * xSums[sub + 2 * c]
                        + scales[KScales.SUB_BLOCKS + 2 * c + 1] * xSums[sub + 2 * c + 1];
            }
            mins += dmin * blockMins;
        }
        return acc.reduceLanes(VectorOperators.ADD) - mins;
    }

    /** {@code out[r] = row(r) · x} for a matrix of these super-blocks. */
    static void matVec(AbstractWeightMatrix m, int blockBytes, float[] x, float[] out, int rowFrom, int rowTo,
            Quants quants) {
        float[] xSums = Simd.groupSums(x, m.cols, SUB);
        int[] scales = new int[2 * KScales.SUB_BLOCKS];
        for (int r = rowFrom; r < rowTo; r++) {
            out[r] = dot(m.data, r * m.rowBytes, blockBytes, m.cols, x, xSums, scales, quants);
        }
    }
}
