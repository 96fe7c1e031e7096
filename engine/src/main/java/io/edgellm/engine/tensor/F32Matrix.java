package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** 32-bit float weights, read in place. */
final class F32Matrix implements WeightMatrix {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment data;
    private final int rows;
    private final int cols;

    F32Matrix(MemorySegment data, int rows, int cols) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public GGMLType type() {
        return GGMLType.F32;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        MemorySegment.copy(data, F32, (long) row * cols * Float.BYTES, out, offset, cols);
    }

    @Override
    public void matVec(float[] x, float[] out, int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            out[r] = dot(r, x, 0);
        }
    }

    @Override
    public void matMul(float[] x, int n, float[] out, int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int i = 0; i < n; i++) {
                out[i * rows + r] = dot(r, x, i * cols);
            }
        }
    }

    private float dot(int row, float[] x, int xOffset) {
        long base = (long) row * cols * Float.BYTES;
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (int upper = S.loopBound(cols); j < upper; j += S.length()) {
            FloatVector w = FloatVector.fromMemorySegment(S, data, base + (long) j * Float.BYTES, ByteOrder.LITTLE_ENDIAN);
            acc = w.fma(FloatVector.fromArray(S, x, xOffset + j), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            sum += data.get(F32, base + (long) j * Float.BYTES) * x[xOffset + j];
        }
        return sum;
    }
}
