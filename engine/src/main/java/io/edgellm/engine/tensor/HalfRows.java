package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;
import static io.edgellm.engine.tensor.Simd.SHORT_LE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Row loops shared by the two 16-bit float formats. Both are sign | exponent | mantissa, so one widening
 * with per-format constants serves both, without a branch: shifting a value's fields into a float's
 * positions gives a float whose exponent is off by the bias difference, which a multiplication fixes (and
 * which also turns subnormal halves into normal floats); inputs with the top exponent (infinity, NaN) then
 * get the float's top exponent. For bfloat16 the multiplier is 1 and its top exponent already is the
 * float's. A branch on the format would be compiled for whichever format ran first, and deoptimizing and
 * merging vectors across it was measured 10x slower.
 */
final class HalfRows {

    /** Per-format constants of the widening; {@code exponent} is the 16-bit pattern of the top exponent. */
    record Format(int shift, int fields, float rebias, int exponent) {
    }

    /** IEEE half: 5 exponent bits biased by 15, 10 mantissa bits. */
    static final Format F16 = new Format(13, 0x8FFF_E000, 0x1p112f, 0x7C00);
    /** bfloat16: the top half of a float. */
    static final Format BF16 = new Format(16, 0xFFFF_0000, 1f, 0x7F80);

    private static final int FLOAT_EXPONENT = 0x7F80_0000;
    private static final int BYTES = 2;

    private HalfRows() {
    }

    /** Widens LANES values given as sign-extended 16-bit patterns. */
    static FloatVector widen(IntVector bits, Format format) {
        FloatVector scaled = bits.lanewise(VectorOperators.LSHL, format.shift()).and(format.fields())
                .reinterpretAsFloats().mul(format.rebias());
        var special = bits.and(format.exponent()).compare(VectorOperators.EQ, format.exponent());
        return scaled.reinterpretAsInts().lanewise(VectorOperators.OR, FLOAT_EXPONENT, special).reinterpretAsFloats();
    }

    static float widen(short bits, Format format) {
        float scaled = Float.intBitsToFloat((bits << format.shift()) & format.fields()) * format.rebias();
        return (bits & format.exponent()) == format.exponent()
                ? Float.intBitsToFloat(Float.floatToRawIntBits(scaled) | FLOAT_EXPONENT) : scaled;
    }

    /** Rows at {@code base0} and {@code base1} (possibly equal) dotted with x, into {@code out[r0]} and {@code out[r1]}. */
    static void dot2(MemorySegment data, long base0, long base1, float[] x, int cols, float[] out, int r0, int r1,
            Format format) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int j = 0;
        for (int upper = cols - LANES; j <= upper; j += LANES) {
            FloatVector xj = FloatVector.fromArray(F, x, j);
            acc0 = widen(Simd.shorts(data, base0 + (long) j * BYTES), format).fma(xj, acc0);
            acc1 = widen(Simd.shorts(data, base1 + (long) j * BYTES), format).fma(xj, acc1);
        }
        float sum0 = acc0.reduceLanes(VectorOperators.ADD);
        float sum1 = acc1.reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            sum0 += widen(data.get(SHORT_LE, base0 + (long) j * BYTES), format) * x[j];
            sum1 += widen(data.get(SHORT_LE, base1 + (long) j * BYTES), format) * x[j];
        }
        out[r0] = sum0;
        out[r1] = sum1;
    }

    static void dequantize(MemorySegment data, long base, int count, float[] out, int offset, Format format) {
        int j = 0;
        for (int upper = count - LANES; j <= upper; j += LANES) {
            widen(Simd.shorts(data, base + (long) j * BYTES), format).intoArray(out, offset + j);
        }
        for (; j < count; j++) {
            out[offset + j] = widen(data.get(SHORT_LE, base + (long) j * BYTES), format);
        }
    }
}
