package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * Code shared by Q4_K and Q5_K, which differ only in where a value's bits come from. A super-block
 * holds 256 values in 8 sub-blocks of 32: f16 {@code d}, f16 {@code dmin}, packed 6-bit scales and mins
 * ({@link KScales}), then the quants, laid out in four chunks of 64 values whose first 32 come from low
 * nibbles and last 32 from high nibbles of the same 32 bytes. Value = d · scale · q − dmin · min.
 *
 * <p>Q5_K adds a fifth bit per value from 32 bytes {@code qh}; callers pass where those are
 * ({@link #NO_HIGH_BITS} for Q4_K) rather than a decoding strategy: inlining two strategies would take the
 * kernels past the JIT's inlining budget, and vector code that is not inlined is boxed. Q4_K has its own
 * faster matrix-vector kernel ({@link Q4_KMatrix}); a 32-entry version of its tables needs four vectors on
 * 8-lane hardware, so Q5_K keeps the widening kernel here.
 */
final class AffineKRows {

    static final int QK = 256;
    static final int SUB = 32;
    static final int CHUNKS = 4;
    private static final int QS_BYTES = 128;
    /** Per super-block: 8 scales then 8 mins, as floats. */
    static final int FACTORS = 2 * KScales.SUB_BLOCKS;
    private static final int SCALES_AT = 4;
    /** Lanes of the first LANES factors that are mins (the upper 8 when LANES is 16, none when it is 8). */
    private static final VectorMask<Float> MINS_FIRST = VectorMask.fromLong(F, LANES > 8 ? -1L << 8 : 0);

    /** The scale-field words each lane of the unpacking starts from, how far they shift, and what they keep. */
    private static final VectorShuffle<Integer> LOW_BITS_FROM = VectorShuffle.fromValues(IntVector.SPECIES_128, 0, 2, 1, 2);
    private static final IntVector LOW_BITS_SHIFT = IntVector.fromArray(IntVector.SPECIES_128, new int[] {0, 0, 0, 4}, 0);
    private static final IntVector LOW_BITS_MASK =
            IntVector.fromArray(IntVector.SPECIES_128, new int[] {0x3F3F_3F3F, 0x0F0F_0F0F, 0x3F3F_3F3F, 0x0F0F_0F0F}, 0);
    private static final VectorShuffle<Integer> HIGH_BITS_FROM = VectorShuffle.fromValues(IntVector.SPECIES_128, 0, 0, 1, 1);
    private static final IntVector HIGH_BITS_MASK =
            IntVector.fromArray(IntVector.SPECIES_128, new int[] {0, 0x3030_3030, 0, 0x3030_3030}, 0);

    /** {@code qhAt} of a layout without fifth bits. */
    static final int NO_HIGH_BITS = -1;
    /** Vector accumulators per row, kept in an array between super-blocks: low sub-blocks, high sub-blocks, mins. */
    private static final int ACCUMULATORS = 3;

    private AffineKRows() {
    }

    /**
     * For each of {@code count} super-blocks from {@code block}, writes {@code d · scale} to
     * {@code factors[16 i, 16 i + 8)} and {@code −dmin · min} to {@code factors[16 i + 8, 16 i + 16)},
     * computed LANES at a time from the unpacked 6-bit fields. Only floats leave the method, so the Q4_K kernel
     * can call it once per super-block from inside its loop without boxing, inlined or not.
     *
     * <p>The 12 bytes are unpacked as three 32-bit words in one 128-bit vector: lanes {@code [a0, a2, a1, a2]}
     * shifted by {@code [0, 0, 0, 4]} and masked give the low bits of scales 0..3, 4..7 and mins 0..3, 4..7;
     * lanes {@code [a0, a0, a1, a1] >>> 2} give the high bits of scales and mins 4..7. Measured 1.8x faster
     * than unpacking with scalar shifts into two longs, and at about a third of a Q4_K row's time that mattered.
     */
    static void factors(MemorySegment data, long block, int blockBytes, int count, float[] factors) {
        for (int i = 0; i < count; i++, block += blockBytes) {
            IntVector words = IntVector.fromMemorySegment(IntVector.SPECIES_128, data, block + SCALES_AT, Simd.LE);
            ByteVector fields = words.rearrange(LOW_BITS_FROM).lanewise(VectorOperators.LSHR, LOW_BITS_SHIFT)
                    .and(LOW_BITS_MASK)
                    .or(words.rearrange(HIGH_BITS_FROM).lanewise(VectorOperators.LSHR, 2).and(HIGH_BITS_MASK))
                    .reinterpretAsBytes();
            FloatVector mv = FloatVector.broadcast(F, -Simd.f16(data, block + 2));
            // Vector intrinsics need a constant part number, hence no loop over parts.
            ((FloatVector) fields.convertShape(VectorOperators.B2F, F, 0))
                    .mul(FloatVector.broadcast(F, Simd.f16(data, block)).blend(mv, MINS_FIRST))
                    .intoArray(factors, i * FACTORS);
            if (LANES < FACTORS) {
                ((FloatVector) fields.convertShape(VectorOperators.B2F, F, 1)).mul(mv)
                        .intoArray(factors, i * FACTORS + LANES);
            }
        }
    }

    /** For each super-block 16 values: 8 zeros (facing the scales) then the sums of x over its 8 sub-blocks. */
    static float[] minSums(float[] x, int cols) {
        float[] sums = new float[cols / QK * FACTORS];
        for (int sub = 0; sub < cols / SUB; sub++) {
            sums[sub / KScales.SUB_BLOCKS * FACTORS + KScales.SUB_BLOCKS + sub % KScales.SUB_BLOCKS] =
                    Simd.sum(x, sub * SUB, SUB);
        }
        return sums;
    }

    /** Bit {@code bit} of each {@code qh} byte, as 0 or 16: one rotate moves it to bit 4. */
    private static IntVector fifthBit(IntVector qh, int bit) {
        return qh.lanewise(VectorOperators.ROR, bit - 4).and(16);
    }

    /** Products are rounded like ggml's reference ({@code d1 * q - m1}, no fused multiply-add). */
    static void dequantize(MemorySegment data, long block, int blockBytes, int qhAt, int count, float[] out,
            int offset) {
        int qsAt = blockBytes - QS_BYTES;
        float[] factors = new float[count / QK * FACTORS];
        factors(data, block, blockBytes, count / QK, factors);
        for (int j = 0; j < count; j += QK, block += blockBytes) {
            int f = j / QK * FACTORS;
            for (int c = 0; c < CHUNKS; c++) {
                int lo = f + 2 * c;
                FloatVector dLo = FloatVector.broadcast(F, factors[lo]);
                FloatVector mLo = FloatVector.broadcast(F, factors[KScales.SUB_BLOCKS + lo]);
                FloatVector dHi = FloatVector.broadcast(F, factors[lo + 1]);
                FloatVector mHi = FloatVector.broadcast(F, factors[KScales.SUB_BLOCKS + lo + 1]);
                int at = offset + j + 2 * c * SUB;
                for (int h = 0; h < SUB; h += LANES) {
                    IntVector q = Simd.unsignedBytes(data, block + qsAt + c * SUB + h);
                    IntVector low = q.and(0x0F);
                    IntVector high = q.lanewise(VectorOperators.LSHR, 4);
                    if (qhAt != NO_HIGH_BITS) {
                        IntVector qh = Simd.unsignedBytes(data, block + qhAt + h);
                        low = low.or(fifthBit(qh, 2 * c));
                        high = high.or(fifthBit(qh, 2 * c + 1));
                    }
                    Simd.toFloats(low).mul(dLo).add(mLo).intoArray(out, at + h);
                    Simd.toFloats(high).mul(dHi).add(mHi).intoArray(out, at + SUB + h);
                }
            }
        }
    }

    /** {@code out[r] = row(r) · x} for a matrix of these super-blocks with fifth bits at {@code qhAt}. */
    static void matVec(AbstractWeightMatrix m, int blockBytes, int qhAt, float[] x, float[] out, int rowFrom,
            int rowTo) {
        float[] sums = minSums(x, m.cols);
        int superBlocks = m.cols / QK;
        float[][] factors = {new float[superBlocks * FACTORS], new float[superBlocks * FACTORS]};
        float[] acc = new float[2 * ACCUMULATORS * LANES];
        AbstractWeightMatrix.forRowPairs(rowFrom, rowTo, (r0, r1) -> {
            java.util.Arrays.fill(acc, 0f);
            factors(m.data, r0 * m.rowBytes, blockBytes, superBlocks, factors[0]);
            factors(m.data, r1 * m.rowBytes, blockBytes, superBlocks, factors[1]);
            for (int j = 0; j < m.cols; j += QK) {
                // One call site for both rows: a kernel inlined twice would exceed the JIT's inlining budget.
                for (int k = 0; k < 2; k++) {
                    long block = (k == 0 ? r0 : r1) * m.rowBytes + (long) (j / QK) * blockBytes;
                    superBlock(m.data, block, blockBytes, qhAt, x, j, sums, factors[k], acc, k * ACCUMULATORS * LANES);
                }
            }
            out[r0] = Simd.sum(acc, 0, ACCUMULATORS * LANES);
            out[r1] = Simd.sum(acc, ACCUMULATORS * LANES, ACCUMULATORS * LANES);
        });
    }

    /**
     * One super-block of one row: per sub-block, lane sums of q · x scaled by the sub-block's factor into one
     * accumulator for low and one for high sub-blocks; the min terms from the precomputed sums of x.
     */
    private static void superBlock(MemorySegment data, long block, int blockBytes, int qhAt, float[] x, int j,
            float[] sums, float[] factors, float[] acc, int accAt) {
        int f = j / QK * FACTORS;
        long qs = block + blockBytes - QS_BYTES;
        FloatVector lo = FloatVector.fromArray(F, acc, accAt);
        FloatVector hi = FloatVector.fromArray(F, acc, accAt + LANES);
        // The 8 mins are the last 8 factors, so one vector of LANES >= 8 ending there covers them all.
        FloatVector mins = FloatVector.fromArray(F, factors, f + FACTORS - LANES)
                .fma(FloatVector.fromArray(F, sums, f + FACTORS - LANES),
                        FloatVector.fromArray(F, acc, accAt + 2 * LANES));
        for (int c = 0; c < CHUNKS; c++) {
            int at = j + 2 * c * SUB;
            FloatVector sumLo = FloatVector.zero(F);
            FloatVector sumHi = FloatVector.zero(F);
            for (int h = 0; h < SUB; h += LANES) {
                IntVector q = Simd.unsignedBytes(data, qs + c * SUB + h);
                IntVector qh = Simd.unsignedBytes(data, block + qhAt + h);
                IntVector low = q.and(0x0F).or(fifthBit(qh, 2 * c));
                IntVector high = q.lanewise(VectorOperators.LSHR, 4).or(fifthBit(qh, 2 * c + 1));
                sumLo = Simd.toFloats(low).fma(FloatVector.fromArray(F, x, at + h), sumLo);
                sumHi = Simd.toFloats(high).fma(FloatVector.fromArray(F, x, at + SUB + h), sumHi);
            }
            lo = sumLo.fma(FloatVector.broadcast(F, factors[f + 2 * c]), lo);
            hi = sumHi.fma(FloatVector.broadcast(F, factors[f + 2 * c + 1]), hi);
        }
        lo.intoArray(acc, accAt);
        hi.intoArray(acc, accAt + LANES);
        mins.intoArray(acc, accAt + 2 * LANES);
    }
}
