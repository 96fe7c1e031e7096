package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;

/** Creates the {@link WeightMatrix} implementation for a storage type. */
public final class WeightMatrices {

    private WeightMatrices() {
    }

    /**
     * Wraps {@code data} (exactly {@code type.bytesFor(rows * cols)} bytes) as a matrix.
     *
     * @throws UnsupportedTensorTypeException if the engine has no kernels for {@code type}
     */
    public static WeightMatrix of(GGMLType type, MemorySegment data, int rows, int cols) {
        long expected = type.bytesFor((long) rows * cols);
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("a " + type + " matrix of " + rows + "x" + cols + " takes "
                    + expected + " bytes, got " + data.byteSize());
        }
        return switch (type) {
            case F32 -> new F32Matrix(data, rows, cols);
            default -> throw new UnsupportedTensorTypeException(type);
        };
    }
}
