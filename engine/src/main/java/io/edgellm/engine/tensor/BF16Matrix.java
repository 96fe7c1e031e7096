package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;

/** bfloat16 weights (the top half of a float), read in place. Widening in {@link HalfRows}. */
final class BF16Matrix extends AbstractWeightMatrix {

    BF16Matrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.BF16, data, rows, cols);
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        HalfRows.dequantize(data, row * rowBytes + 2L * colFrom, count, out, offset, HalfRows.BF16);
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        forRowPairs(rowFrom, rowTo, (r0, r1) ->
                HalfRows.dot2(data, r0 * rowBytes, r1 * rowBytes, x, cols, out, r0, r1, HalfRows.BF16));
    }
}
