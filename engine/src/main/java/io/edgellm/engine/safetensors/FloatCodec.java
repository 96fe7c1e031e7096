package io.edgellm.engine.safetensors;

import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.Quantizer;
import io.edgellm.engine.tensor.WeightMatrices;
import java.lang.foreign.MemorySegment;

/**
 * Converts between {@code float} and the little-endian floating-point dtypes checkpoints are
 * stored in: F32, F16 (IEEE half) and BF16 (the upper 16 bits of an F32).
 */
public final class FloatCodec {

    private FloatCodec() {
    }

    /** Whether {@code dtype} is one this class converts. */
    public static boolean supports(DType dtype) {
        return dtype == DType.F32 || dtype == DType.F16 || dtype == DType.BF16;
    }

    /** The values held in {@code bytes}; its size must be a whole number of elements. */
    public static float[] decode(MemorySegment bytes, DType dtype) {
        GGMLType type = ggmlType(dtype);
        if (bytes.byteSize() % dtype.byteSize() != 0 || bytes.byteSize() / dtype.byteSize() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(bytes.byteSize() + " bytes do not hold a float[] of " + dtype);
        }
        float[] values = new float[(int) (bytes.byteSize() / dtype.byteSize())];
        if (values.length > 0) {
            WeightMatrices.of(type, bytes, 1, values.length).dequantizeRow(0, values, 0);
        }
        return values;
    }

    /** {@code values} encoded as {@code dtype}, rounding to nearest even for F16 and BF16 (NaN stays NaN). */
    public static MemorySegment encode(float[] values, DType dtype) {
        GGMLType type = ggmlType(dtype);
        MemorySegment bytes = MemorySegment.ofArray(new byte[Math.multiplyExact(values.length, dtype.byteSize())]);
        Quantizer.forType(type).quantize(values, 0, values.length, bytes, 0);
        return bytes;
    }

    /** The tensor package's type of the same bit layout, whose conversions serve both file formats. */
    private static GGMLType ggmlType(DType dtype) {
        requireSupported(dtype);
        return switch (dtype) {
            case F32 -> GGMLType.F32;
            case F16 -> GGMLType.F16;
            default -> GGMLType.BF16;
        };
    }

    private static void requireSupported(DType dtype) {
        if (!supports(dtype)) {
            throw new IllegalArgumentException(dtype + " is not a float type (F32, F16 or BF16)");
        }
    }
}
