package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Q8_0: blocks of 32 values, an f16 scale {@code d} then 32 signed bytes; value = q · d. */
final class Q8_0Matrix extends AbstractWeightMatrix {

    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 34;

    Q8_0Matrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.Q8_0, data, rows, cols);
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        long block = row * rowBytes + (long) (colFrom / BLOCK) * BLOCK_BYTES;
        for (int j = 0; j < count; j += BLOCK, block += BLOCK_BYTES) {
            FloatVector d = FloatVector.broadcast(F, Simd.f16(data, block));
            for (int h = 0; h < BLOCK; h += LANES) {
                Simd.toFloats(Simd.bytes(data, block + 2 + h)).mul(d).intoArray(out, offset + j + h);
            }
        }
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        forRowPairs(rowFrom, rowTo, (r0, r1) -> dot2(r0, r1, x, out));
    }

    /** Per-lane sums of each block are scaled into the row's accumulator; one horizontal sum per row. */
    private void dot2(int r0, int r1, float[] x, float[] out) {
        long block0 = r0 * rowBytes;
        long block1 = r1 * rowBytes;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int j = 0; j < cols; j += BLOCK, block0 += BLOCK_BYTES, block1 += BLOCK_BYTES) {
            FloatVector x0 = FloatVector.fromArray(F, x, j);
            FloatVector sum0 = Simd.toFloats(Simd.bytes(data, block0 + 2)).mul(x0);
            FloatVector sum1 = Simd.toFloats(Simd.bytes(data, block1 + 2)).mul(x0);
            for (int h = LANES; h < BLOCK; h += LANES) {
                FloatVector xh = FloatVector.fromArray(F, x, j + h);
                sum0 = Simd.toFloats(Simd.bytes(data, block0 + 2 + h)).fma(xh, sum0);
                sum1 = Simd.toFloats(Simd.bytes(data, block1 + 2 + h)).fma(xh, sum1);
            }
            acc0 = sum0.fma(FloatVector.broadcast(F, Simd.f16(data, block0)), acc0);
            acc1 = sum1.fma(FloatVector.broadcast(F, Simd.f16(data, block1)), acc1);
        }
        out[r0] = acc0.reduceLanes(VectorOperators.ADD);
        out[r1] = acc1.reduceLanes(VectorOperators.ADD);
    }
}
