package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
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
    /** Vector accumulators per row, kept in an array between super-blocks: even and odd quarters. */
    private static final int ACCUMULATORS = 2;

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

    /** Writes {@code d · scale} of the super-block's 16 groups to {@code factors}; no vectors cross the call. */
    private void factors(long block, float[] factors) {
        FloatVector d = FloatVector.broadcast(F, Simd.f16(data, block + D_AT));
        var scales = Simd.bytes16(data, block + SCALES_AT);
        // Vector intrinsics need a constant part number, hence no loop over parts.
        Simd.toFloats(scales).mul(d).intoArray(factors, 0);
        if (LANES < GROUPS) {
            ((FloatVector) scales.convertShape(VectorOperators.B2F, F, 1)).mul(d).intoArray(factors, LANES);
        }
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
            factors(block, factors);
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
        float[] acc = new float[2 * ACCUMULATORS * LANES];
        forRowPairs(rowFrom, rowTo, (r0, r1) -> {
            java.util.Arrays.fill(acc, 0f);
            for (int j = 0; j < cols; j += QK) {
                // One call site for both rows: a kernel inlined twice would exceed the JIT's inlining budget.
                for (int k = 0; k < 2; k++) {
                    long block = (k == 0 ? r0 : r1) * rowBytes + (long) (j / QK) * BLOCK_BYTES;
                    superBlock(block, x, j, sums, factors, acc, k * ACCUMULATORS * LANES);
                }
            }
            out[r0] = Simd.sum(acc, 0, ACCUMULATORS * LANES);
            out[r1] = Simd.sum(acc, ACCUMULATORS * LANES, ACCUMULATORS * LANES);
        });
    }

    /**
     * One super-block of one row. Quarters 0, 2 and 1, 3 go to separate accumulators so consecutive groups
     * do not wait on each other; the −32 offsets come from the precomputed sums of x.
     */
    private void superBlock(long block, float[] x, int j, float[] sums, float[] factors, float[] acc, int accAt) {
        factors(block, factors);
        FloatVector even = FloatVector.fromArray(F, acc, accAt);
        FloatVector odd = FloatVector.fromArray(F, acc, accAt + LANES);
        for (int g = 0; g < GROUPS; g += LANES) {
            even = FloatVector.fromArray(F, factors, g).fma(FloatVector.fromArray(F, sums, j / GROUP + g), even);
        }
        for (int half = 0; half < 2; half++) {
            for (int k = 0; k < 4; k += 2) {
                for (int l = 0; l < QUARTER; l += LANES) {
                    int index = half * HALF + k * QUARTER + l;
                    FloatVector a = Simd.toFloats(quants(data, block, half, k, l)).mul(FloatVector.fromArray(F, x, j + index));
                    FloatVector b = Simd.toFloats(quants(data, block, half, k + 1, l))
                            .mul(FloatVector.fromArray(F, x, j + index + QUARTER));
                    even = a.fma(FloatVector.broadcast(F, factors[index / GROUP]), even);
                    odd = b.fma(FloatVector.broadcast(F, factors[(index + QUARTER) / GROUP]), odd);
                }
            }
        }
        even.intoArray(acc, accAt);
        odd.intoArray(acc, accAt + LANES);
    }
}
