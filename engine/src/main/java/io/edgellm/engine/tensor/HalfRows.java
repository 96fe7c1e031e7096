package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;
import static io.edgellm.engine.tensor.Simd.SHORT_LE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Row loops shared by the two 16-bit float formats, which differ only in how 16 bits widen to a float.
 * Callers pass their widening as constant method references; once these small methods are inlined
 * into the caller the references are constants too, so the widening is inlined rather than called.
 */
final class HalfRows {

    /** Widens {@code LANES} values given as sign-extended 16-bit patterns. */
    @FunctionalInterface
    interface Widen {
        FloatVector widen(IntVector bits);
    }

    @FunctionalInterface
    interface WidenOne {
        float widen(short bits);
    }

    private static final int BYTES = 2;

    private HalfRows() {
    }

    /** Rows at {@code base0} and {@code base1} (possibly equal) dotted with x, into {@code out[r0]} and {@code out[r1]}. */
    static void dot2(MemorySegment data, long base0, long base1, float[] x, int cols, float[] out, int r0, int r1,
            Widen widen, WidenOne one) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int j = 0;
        for (int upper = cols - LANES; j <= upper; j += LANES) {
            FloatVector xj = FloatVector.fromArray(F, x, j);
            acc0 = widen.widen(Simd.shorts(data, base0 + (long) j * BYTES)).fma(xj, acc0);
            acc1 = widen.widen(Simd.shorts(data, base1 + (long) j * BYTES)).fma(xj, acc1);
        }
        float sum0 = acc0.reduceLanes(VectorOperators.ADD);
        float sum1 = acc1.reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            sum0 += one.widen(data.get(SHORT_LE, base0 + (long) j * BYTES)) * x[j];
            sum1 += one.widen(data.get(SHORT_LE, base1 + (long) j * BYTES)) * x[j];
        }
        out[r0] = sum0;
        out[r1] = sum1;
    }

    static void dequantize(MemorySegment data, long base, int count, float[] out, int offset, Widen widen, WidenOne one) {
        int j = 0;
        for (int upper = count - LANES; j <= upper; j += LANES) {
            widen.widen(Simd.shorts(data, base + (long) j * BYTES)).intoArray(out, offset + j);
        }
        for (; j < count; j++) {
            out[offset + j] = one.widen(data.get(SHORT_LE, base + (long) j * BYTES));
        }
    }
}
