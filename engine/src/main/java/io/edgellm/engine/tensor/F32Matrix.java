package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.FLOAT_LE;
import static io.edgellm.engine.tensor.Simd.LANES;
import static io.edgellm.engine.tensor.Simd.LE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** 32-bit float weights, read in place. */
final class F32Matrix extends AbstractWeightMatrix {

    F32Matrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.F32, data, rows, cols);
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        MemorySegment.copy(data, FLOAT_LE, row * rowBytes + (long) colFrom * Float.BYTES, out, offset, count);
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        forRowPairs(rowFrom, rowTo, (r0, r1) -> dot2(r0, r1, x, out));
    }

    private void dot2(int r0, int r1, float[] x, float[] out) {
        long base0 = r0 * rowBytes;
        long base1 = r1 * rowBytes;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int j = 0;
        for (int upper = cols - LANES; j <= upper; j += LANES) {
            FloatVector xj = FloatVector.fromArray(F, x, j);
            acc0 = load(base0, j).fma(xj, acc0);
            acc1 = load(base1, j).fma(xj, acc1);
        }
        float sum0 = acc0.reduceLanes(VectorOperators.ADD);
        float sum1 = acc1.reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            sum0 += data.get(FLOAT_LE, base0 + (long) j * Float.BYTES) * x[j];
            sum1 += data.get(FLOAT_LE, base1 + (long) j * Float.BYTES) * x[j];
        }
        out[r0] = sum0;
        out[r1] = sum1;
    }

    private FloatVector load(long base, int col) {
        return FloatVector.fromMemorySegment(F, data, base + (long) col * Float.BYTES, LE);
    }
}
