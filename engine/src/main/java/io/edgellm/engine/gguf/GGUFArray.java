package io.edgellm.engine.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * A GGUF array value. Elements are kept in a primitive array chosen by element type so that
 * vocabularies of hundreds of thousands of entries stay compact: {@code long[]} for every
 * integer type, {@code float[]} for FLOAT32, {@code double[]} for FLOAT64, {@code boolean[]}
 * for BOOL, {@code String[]} for STRING and {@code GGUFArray[]} for nested arrays.
 */
public record GGUFArray(GGUFValueType elementType, Object elements) {

    public GGUFArray {
        Objects.requireNonNull(elementType, "elementType");
        Objects.requireNonNull(elements, "elements");
        Class<?> expected = storageClass(elementType);
        if (elements.getClass() != expected) {
            throw new IllegalArgumentException("a " + elementType + " array is stored as " + expected.getSimpleName()
                    + ", got " + elements.getClass().getSimpleName());
        }
    }

    static Class<?> storageClass(GGUFValueType elementType) {
        return switch (elementType) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case BOOL -> boolean[].class;
            case STRING -> String[].class;
            case ARRAY -> GGUFArray[].class;
        };
    }

    public int length() {
        return java.lang.reflect.Array.getLength(elements);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GGUFArray other
                && elementType == other.elementType
                && Arrays.deepEquals(new Object[] {elements}, new Object[] {other.elements});
    }

    @Override
    public int hashCode() {
        return 31 * elementType.hashCode() + Arrays.deepHashCode(new Object[] {elements});
    }

    @Override
    public String toString() {
        return "GGUFArray[" + elementType + " x " + length() + "]";
    }
}
