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
        for (int r = rowFrom; r < rowTo; r++) {
            out[r] = dot(r * rowBytes, x);
        }
    }

    private float dot(long base, float[] x) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int j = 0;
        for (int upper = cols - 2 * LANES; j <= upper; j += 2 * LANES) {
            acc0 = load(base, j).fma(FloatVector.fromArray(F, x, j), acc0);
            acc1 = load(base, j + LANES).fma(FloatVector.fromArray(F, x, j + LANES), acc1);
        }
        if (j <= cols - LANES) {
            acc0 = load(base, j).fma(FloatVector.fromArray(F, x, j), acc0);
            j += LANES;
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            sum += data.get(FLOAT_LE, base + (long) j * Float.BYTES) * x[j];
        }
        return sum;
    }

    private FloatVector load(long base, int col) {
        return FloatVector.fromMemorySegment(F, data, base + (long) col * Float.BYTES, LE);
    }
}
