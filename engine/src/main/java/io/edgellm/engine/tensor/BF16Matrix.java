package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/** bfloat16 weights (the top half of a float), read in place. */
final class BF16Matrix extends AbstractWeightMatrix {

    BF16Matrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.BF16, data, rows, cols);
    }

    static FloatVector widen(IntVector bits) {
        return bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    static float widen(short bits) {
        return Float.intBitsToFloat(bits << 16);
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        HalfRows.dequantize(data, row * rowBytes + 2L * colFrom, count, out, offset, BF16Matrix::widen, BF16Matrix::widen);
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        forRowPairs(rowFrom, rowTo, (r0, r1) ->
                HalfRows.dot2(data, r0 * rowBytes, r1 * rowBytes, x, cols, out, r0, r1, BF16Matrix::widen, BF16Matrix::widen));
    }
}
