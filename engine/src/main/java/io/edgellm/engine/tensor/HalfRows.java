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

    static float dot(MemorySegment data, long base, float[] x, int cols, Widen widen, WidenOne one) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int j = 0;
        for (int upper = cols - 2 * LANES; j <= upper; j += 2 * LANES) {
            acc0 = widen.widen(Simd.shorts(data, base + (long) j * BYTES)).fma(FloatVector.fromArray(F, x, j), acc0);
            acc1 = widen.widen(Simd.shorts(data, base + (long) (j + LANES) * BYTES))
                    .fma(FloatVector.fromArray(F, x, j + LANES), acc1);
        }
        if (j <= cols - LANES) {
            acc0 = widen.widen(Simd.shorts(data, base + (long) j * BYTES)).fma(FloatVector.fromArray(F, x, j), acc0);
            j += LANES;
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            sum += one.widen(data.get(SHORT_LE, base + (long) j * BYTES)) * x[j];
        }
        return sum;
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
