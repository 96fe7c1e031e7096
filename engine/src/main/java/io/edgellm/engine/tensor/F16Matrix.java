package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/** IEEE half-precision weights, read in place. */
final class F16Matrix extends AbstractWeightMatrix {

    /** Sign, exponent and mantissa of a half moved to a float's positions (bits 31 and 13..27). */
    private static final int FIELDS = 0x8FFF_E000;
    private static final int HALF_EXPONENT = 0x7C00;
    private static final int FLOAT_EXPONENT = 0x7F80_0000;
    /** Rebiases the exponent from 15 to 127; as a multiplication it also turns subnormal halves into normal floats. */
    private static final float REBIAS = 0x1p112f;

    F16Matrix(MemorySegment data, int rows, int cols) {
        super(GGMLType.F16, data, rows, cols);
    }

    /**
     * The Vector API has no half-float conversion, so do it with integer lanes: shifting a half's fields
     * into place gives a float 2^112 times too small, exact for normal and subnormal halves; the top
     * exponent (infinity, NaN) is then forced to the float's top exponent.
     */
    static FloatVector widen(IntVector bits) {
        FloatVector scaled = bits.lanewise(VectorOperators.LSHL, 13).and(FIELDS).reinterpretAsFloats().mul(REBIAS);
        var special = bits.and(HALF_EXPONENT).compare(VectorOperators.EQ, HALF_EXPONENT);
        return scaled.reinterpretAsInts().lanewise(VectorOperators.OR, FLOAT_EXPONENT, special).reinterpretAsFloats();
    }

    @Override
    void dequantize(int row, int colFrom, int count, float[] out, int offset) {
        HalfRows.dequantize(data, row * rowBytes + 2L * colFrom, count, out, offset, F16Matrix::widen, Float::float16ToFloat);
    }

    @Override
    void matVecRows(float[] x, float[] out, int rowFrom, int rowTo) {
        forRowPairs(rowFrom, rowTo, (r0, r1) ->
                HalfRows.dot2(data, r0 * rowBytes, r1 * rowBytes, x, cols, out, r0, r1, F16Matrix::widen, Float::float16ToFloat));
    }
}
