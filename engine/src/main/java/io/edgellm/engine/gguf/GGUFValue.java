package io.edgellm.engine.gguf;

import java.util.Objects;

/**
 * One typed metadata value. Integers of every width are held as {@code Long} (unsigned 64-bit
 * values keep their bit pattern), FLOAT32 as {@code Float}, FLOAT64 as {@code Double}, BOOL as
 * {@code Boolean}, STRING as {@code String} and ARRAY as {@link GGUFArray}; the declared type
 * is kept so that a file is written back exactly as it was read.
 */
public record GGUFValue(GGUFValueType type, Object value) {

    public GGUFValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Class<?> expected = switch (type) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> Long.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case BOOL -> Boolean.class;
            case STRING -> String.class;
            case ARRAY -> GGUFArray.class;
        };
        if (value.getClass() != expected) {
            throw new IllegalArgumentException("a " + type + " value is held as " + expected.getSimpleName()
                    + ", got " + value.getClass().getSimpleName());
        }
    }

    public static GGUFValue ofString(String s) {
        return new GGUFValue(GGUFValueType.STRING, s);
    }

    public static GGUFValue ofUInt32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uint32 out of range: " + v);
        }
        return new GGUFValue(GGUFValueType.UINT32, v);
    }

    public static GGUFValue ofInt32(int v) {
        return new GGUFValue(GGUFValueType.INT32, (long) v);
    }

    public static GGUFValue ofUInt64(long v) {
        return new GGUFValue(GGUFValueType.UINT64, v);
    }

    public static GGUFValue ofFloat32(float v) {
        return new GGUFValue(GGUFValueType.FLOAT32, v);
    }

    public static GGUFValue ofBool(boolean v) {
        return new GGUFValue(GGUFValueType.BOOL, v);
    }

    public static GGUFValue ofStrings(String... values) {
        return new GGUFValue(GGUFValueType.ARRAY, new GGUFArray(GGUFValueType.STRING, values));
    }

    public static GGUFValue ofFloats(float... values) {
        return new GGUFValue(GGUFValueType.ARRAY, new GGUFArray(GGUFValueType.FLOAT32, values));
    }

    /** An array of integers declared with element type {@code elementType} (e.g. INT32). */
    public static GGUFValue ofIntegers(GGUFValueType elementType, long... values) {
        if (!elementType.isInteger()) {
            throw new IllegalArgumentException(elementType + " is not an integer type");
        }
        return new GGUFValue(GGUFValueType.ARRAY, new GGUFArray(elementType, values));
    }

    /** The value formatted for people: unsigned integers as unsigned, arrays summarised. */
    public String display() {
        return switch (type) {
            case UINT64 -> Long.toUnsignedString((Long) value);
            case STRING -> '"' + (String) value + '"';
            case ARRAY -> {
                GGUFArray a = (GGUFArray) value;
                yield "[" + a.elementType() + " x " + a.length() + "]";
            }
            default -> value.toString();
        };
    }
}
