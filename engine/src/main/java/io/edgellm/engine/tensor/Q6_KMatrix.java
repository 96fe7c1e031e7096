package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q6_K (210 bytes per 256 values): {@code ql[128]} low nibbles, {@code qh[64]} high 2-bit pairs, 16 signed
 * byte scales (one per 16 values), f16 {@code d}. Each half of 128 values uses 64 bytes of {@code ql} and
 * 32 of {@code qh}: for {@code l < 32}, values {@code l}, {@code l+32}, {@code l+64}, {@code l+96} take the
 * low nibble of {@code ql[l]}, of {@code ql[l+32]}, the high nibble of {@code ql[l]}, of {@code ql[l+32]},
 * topped by bits 0-1, 2-3, 4-5, 6-7 of {@code qh[l]}. Value = d · scale · (q − 32).
 */
final class Q6_KMatrix extends AbstractWeightMatrix {

    private static final int QK = 256;
    private static final int BLOCK_BYTES = 210;
    private static final int QH_AT = 128;
    private static final int SCALES_AT = 192;
    private static final int D_AT = 208;
    private static final int HALF = 128;
    private static final int QUARTER = 32;
    private static final int GROUP = 16;
    private static final int GROUPS = QK / GROUP;

    Q6_KMatrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.Q6_K, data, rows, cols);
    }

    /**
     * Unsigned 6-bit quants of quarter {@code k} (0..3) of half {@code half}, lanes {@code [l, l + LANES)}.
     * The two high bits of quarter k sit at bits 2k..2k+1 of qh; one rotate moves them to bits 4..5.
     */
    private static IntVector quants(MemorySegment data, long block, int half, int k, int l) {
        IntVector ql = Simd.unsignedBytes(data, block + half * 64 + (k & 1) * QUARTER + l);
        IntVector low = k < 2 ? ql.and(0x0F) : ql.lanewise(VectorOperators.LSHR, 4);
        IntVector qh = Simd.unsignedBytes(data, block + QH_AT + half * QUARTER + l);
        return low.or(qh.lanewise(VectorOperators.ROR, 2 * k - 4).and(0x30));
    }

    /** Writes {@code d · scale} of the super-block's 16 groups to {@code factors} from {@code at}. */
    private void factors(long block, float[] factors, int at) {
        FloatVector d = FloatVector.broadcast(F, Simd.f16(data, block + D_AT));
        var scales = Simd.bytes16(data, block + SCALES_AT);
        // Vector intrinsics need a constant part number, hence no loop over parts.
        Simd.toFloats(scales).mul(d).intoArray(factors, at);
        if (LANES < GROUPS) {
            ((FloatVector) scales.convertShape(VectorOperators.B2F, F, 1)).mul(d).intoArray(factors, at + LANES);
        }
    }

    /**
     * Writes the super-block's factors to {@code factors[0, 16)} and returns its −32 offsets,
     * {@code Σ factor_g · sums[first + g]} with {@code sums} from {@link #offsetSums}. Only scalars and arrays
     * cross the call, so it costs a call at worst when the kernel has used up the JIT's inlining budget.
     */
    private float factorsAndOffsets(long block, float[] sums, int first, float[] factors) {
        factors(block, factors, 0);
        FloatVector offsets = FloatVector.zero(F);
        for (int i = 0; i < GROUPS; i += LANES) {
            offsets = FloatVector.fromArray(F, factors, i).fma(FloatVector.fromArray(F, sums, first + i), offsets);
        }
        return offsets.reduceLanes(VectorOperators.ADD);
    }

    /** −32 times the sum of each group of 16 consecutive x: the −32 offset of every value, folded into x. */
    static float[] offsetSums(float[] x, int cols) {
        float[] sums = new float[cols / GROUP];
        for (int g = 0; g < sums.length; g++) {
            sums[g] = -32 * Simd.sum(x, g * GROUP, GROUP);
        }
        return sums;
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        float[] factors = new float[GROUPS];
        long block = row * rowBytes + (long) (colFrom / QK) * BLOCK_BYTES;
        for (int j = 0; j < count; j += QK, block += BLOCK_BYTES) {
            factors(block, factors, 0);
            for (int half = 0; half < 2; half++) {
                for (int k = 0; k < 4; k++) {
                    for (int l = 0; l < QUARTER; l += LANES) {
                        int index = half * HALF + k * QUARTER + l;
                        FloatVector q = Simd.toFloats(quants(data, block, half, k, l).sub(32));
                        q.mul(factors[index / GROUP]).intoArray(out, offset + j + index);
                    }
                }
            }
        }
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        float[] sums = offsetSums(x, cols);
        float[] factors = new float[GROUPS];
        for (int r = rowFrom; r < rowTo; r++) {
            out[r] = dot(r, x, sums, factors);
        }
    }

    /**
     * Σ d · scale · (q − 32) · x of one row, the offsets from the precomputed sums of x. An outer loop over
     * super-blocks unpacks the scales; the inner loop over the two halves, innermost and simple, gets the
     * memory segment's checks hoisted out of it (in one flat loop with the scales under an {@code if} they ran
     * on every half). Each half reads {@code ql} and {@code qh} once for all four quarters; even and odd
     * quarters go to separate accumulators so consecutive products do not wait on each other. Only Vector API
     * calls here: they are always inlined, while a helper of ours in a method this large meets the JIT's node
     * budget for inlining, is not inlined and boxes every vector it takes or returns (10x slower).
     */
    private float dot(int row, float[] x, float[] sums, float[] factors) {
        long base = row * rowBytes;
        FloatVector even = FloatVector.zero(F);
        FloatVector odd = FloatVector.zero(F);
        float offsets = 0;
        for (int first = 0; first < cols; first += QK) {
            int superBlock = first / QK;
            long at = base + (long) superBlock * BLOCK_BYTES;
            offsets += factorsAndOffsets(at, sums, superBlock * GROUPS, factors);
            for (int half = 0; half < 2; half++) {
                int j = first + half * HALF;
                int g = half * (GROUPS / 2);
                for (int l = 0; l < QUARTER; l += LANES) {
                    long ql = at + half * 64 + l;
                    IntVector h = (IntVector) ByteVector.fromMemorySegment(Simd.B, data, at + QH_AT + half * QUARTER + l, Simd.LE)
                            .convertShape(VectorOperators.ZERO_EXTEND_B2I, Simd.I, 0);
                    IntVector a = (IntVector) ByteVector.fromMemorySegment(Simd.B, data, ql, Simd.LE)
                            .convertShape(VectorOperators.ZERO_EXTEND_B2I, Simd.I, 0);
                    IntVector b = (IntVector) ByteVector.fromMemorySegment(Simd.B, data, ql + QUARTER, Simd.LE)
                            .convertShape(VectorOperators.ZERO_EXTEND_B2I, Simd.I, 0);
                    IntVector q0 = a.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and(0x30));
                    IntVector q1 = b.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 2).and(0x30));
                    IntVector q2 = a.lanewise(VectorOperators.LSHR, 4).or(h.and(0x30));
                    IntVector q3 = b.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 2).and(0x30));
                    int group = g + l / GROUP;
                    even = ((FloatVector) q0.convertShape(VectorOperators.I2F, F, 0))
                            .mul(FloatVector.fromArray(F, x, j + l))
                            .fma(FloatVector.broadcast(F, factors[group]), even);
                    odd = ((FloatVector) q1.convertShape(VectorOperators.I2F, F, 0))
                            .mul(FloatVector.fromArray(F, x, j + QUARTER + l))
                            .fma(FloatVector.broadcast(F, factors[group + 2]), odd);
                    even = ((FloatVector) q2.convertShape(VectorOperators.I2F, F, 0))
                            .mul(FloatVector.fromArray(F, x, j + 2 * QUARTER + l))
                            .fma(FloatVector.broadcast(F, factors[group + 4]), even);
                    odd = ((FloatVector) q3.convertShape(VectorOperators.I2F, F, 0))
                            .mul(FloatVector.fromArray(F, x, j + 3 * QUARTER + l))
                            .fma(FloatVector.broadcast(F, factors[group + 6]), odd);
                }
            }
        }
        return even.add(odd).reduceLanes(VectorOperators.ADD) + offsets;
    }
}
