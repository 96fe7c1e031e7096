package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
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

    Q6_KMatrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.Q6_K, data, rows, cols);
    }

    /**
     * Quarter {@code k} (0..3) of half {@code half}, lanes {@code [l, l + LANES)}, as signed values q − 32.
     * The two high bits of quarter k sit at bits 2k..2k+1 of qh and move to bits 4..5.
     */
    private static ByteVector quants(MemorySegment data, long block, int half, int k, int l) {
        ByteVector ql = Simd.bytes(data, block + half * 64 + (k & 1) * QUARTER + l);
        ByteVector low = k < 2 ? ql.and((byte) 0x0F) : ql.lanewise(VectorOperators.LSHR, 4);
        ByteVector qh = Simd.bytes(data, block + QH_AT + half * QUARTER + l);
        ByteVector high = (2 * k <= 4 ? qh.lanewise(VectorOperators.LSHL, 4 - 2 * k)
                : qh.lanewise(VectorOperators.LSHR, 2 * k - 4)).and((byte) 0x30);
        return low.or(high).sub((byte) 32);
    }

    /** Scale of the 16 values starting at value {@code index} of the super-block. */
    private float scale(long block, float d, int index) {
        return d * data.get(ValueLayout.JAVA_BYTE, block + SCALES_AT + index / GROUP);
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        long block = row * rowBytes + (long) (colFrom / QK) * BLOCK_BYTES;
        for (int j = 0; j < count; j += QK, block += BLOCK_BYTES) {
            float d = Simd.f16(data, block + D_AT);
            for (int half = 0; half < 2; half++) {
                for (int k = 0; k < 4; k++) {
                    for (int l = 0; l < QUARTER; l += LANES) {
                        int index = half * HALF + k * QUARTER + l;
                        FloatVector s = FloatVector.broadcast(F, scale(block, d, index));
                        Simd.toFloats(quants(data, block, half, k, l)).mul(s).intoArray(out, offset + j + index);
                    }
                }
            }
        }
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            out[r] = dot(r * rowBytes, x);
        }
    }

    private float dot(long base, float[] x) {
        FloatVector acc = FloatVector.zero(F);
        long block = base;
        for (int j = 0; j < cols; j += QK, block += BLOCK_BYTES) {
            float d = Simd.f16(data, block + D_AT);
            for (int half = 0; half < 2; half++) {
                for (int k = 0; k < 4; k++) {
                    for (int l = 0; l < QUARTER; l += LANES) {
                        int index = half * HALF + k * QUARTER + l;
                        FloatVector p = Simd.toFloats(quants(data, block, half, k, l)).mul(FloatVector.fromArray(F, x, j + index));
                        acc = p.fma(FloatVector.broadcast(F, scale(block, d, index)), acc);
                    }
                }
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
