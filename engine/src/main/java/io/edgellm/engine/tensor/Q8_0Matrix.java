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
        for (int r = rowFrom; r < rowTo; r++) {
            out[r] = dot(r * rowBytes, x);
        }
    }

    /** Per-lane sums of each block are scaled into one accumulator; a single horizontal sum per row. */
    private float dot(long base, float[] x) {
        FloatVector acc = FloatVector.zero(F);
        long block = base;
        for (int j = 0; j < cols; j += BLOCK, block += BLOCK_BYTES) {
            FloatVector sum = FloatVector.zero(F);
            for (int h = 0; h < BLOCK; h += LANES) {
                sum = Simd.toFloats(Simd.bytes(data, block + 2 + h)).fma(FloatVector.fromArray(F, x, j + h), sum);
            }
            acc = sum.fma(FloatVector.broadcast(F, Simd.f16(data, block)), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
