package io.edgellm.engine.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Creates the {@link WeightMatrix} implementation for a storage type. */
public final class WeightMatrices {

    private WeightMatrices() {
    }

    /**
     * Wraps {@code data} (exactly {@code type.bytesFor(rows * cols)} bytes, any alignment) as a matrix.
     *
     * @throws UnsupportedTensorTypeException if the engine has no kernels for {@code type}
     * @throws IllegalArgumentException if the shape does not fit the type's blocks or the segment's size
     */
    public static WeightMatrix of(GGMLType type, MemorySegment data, int rows, int cols) {
        return switch (type) {
            case F32 -> new F32Matrix(data, rows, cols);
            case F16 -> new F16Matrix(data, rows, cols);
            case BF16 -> new BF16Matrix(data, rows, cols);
            case Q8_0 -> new Q8_0Matrix(data, rows, cols);
            case Q4_0 -> new Q4_0Matrix(data, rows, cols);
            case Q4_K -> new Q4_KMatrix(data, rows, cols);
            case Q5_K -> new Q5_KMatrix(data, rows, cols);
            case Q6_K -> new Q6_KMatrix(data, rows, cols);
            default -> throw new UnsupportedTensorTypeException(type);
        };
    }

    /**
     * Quantizes {@code values} ({@code rows × cols}, row-major) to {@code type} in a new segment of
     * {@code arena} and wraps it: how tests and tools build quantized matrices from floats.
     */
    public static WeightMatrix quantize(GGMLType type, float[] values, int rows, int cols, Arena arena) {
        Quantizer quantizer = Quantizer.forType(type);
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException(values.length + " values do not make a " + rows + "x" + cols + " matrix");
        }
        MemorySegment data = arena.allocate(type.bytesFor((long) rows * cols), 64);
        quantizer.quantize(values, 0, values.length, data, 0);
        return of(type, data, rows, cols);
    }
}
