package io.edgellm.engine.safetensors;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Converts between {@code float} and the little-endian floating-point dtypes checkpoints are
 * stored in: F32, F16 (IEEE half) and BF16 (the upper 16 bits of an F32).
 */
public final class FloatCodec {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private FloatCodec() {
    }

    /** Whether {@code dtype} is one this class converts. */
    public static boolean supports(DType dtype) {
        return dtype == DType.F32 || dtype == DType.F16 || dtype == DType.BF16;
    }

    /** The values held in {@code bytes}; its size must be a whole number of elements. */
    public static float[] decode(MemorySegment bytes, DType dtype) {
        requireSupported(dtype);
        if (bytes.byteSize() % dtype.byteSize() != 0 || bytes.byteSize() / dtype.byteSize() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(bytes.byteSize() + " bytes do not hold a float[] of " + dtype);
        }
        float[] values = new float[(int) (bytes.byteSize() / dtype.byteSize())];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case F32 -> bytes.getAtIndex(F32, i);
                case F16 -> Float.float16ToFloat(bytes.getAtIndex(HALF, i));
                default -> Float.intBitsToFloat(bytes.getAtIndex(HALF, i) << 16);
            };
        }
        return values;
    }

    /** {@code values} encoded as {@code dtype}, rounding to nearest even for F16 and BF16. */
    public static MemorySegment encode(float[] values, DType dtype) {
        requireSupported(dtype);
        MemorySegment bytes = MemorySegment.ofArray(new byte[Math.multiplyExact(values.length, dtype.byteSize())]);
        for (int i = 0; i < values.length; i++) {
            switch (dtype) {
                case F32 -> bytes.setAtIndex(F32, i, values[i]);
                case F16 -> bytes.setAtIndex(HALF, i, Float.floatToFloat16(values[i]));
                default -> bytes.setAtIndex(HALF, i, toBFloat16(values[i]));
            }
        }
        return bytes;
    }

    /** Round to nearest even on the dropped 16 bits; NaN stays a (quiet) NaN instead of rounding to infinity. */
    static short toBFloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    private static void requireSupported(DType dtype) {
        if (!supports(dtype)) {
            throw new IllegalArgumentException(dtype + " is not a float type (F32, F16 or BF16)");
        }
    }
}
