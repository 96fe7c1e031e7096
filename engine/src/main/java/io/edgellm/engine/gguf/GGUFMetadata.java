package io.edgellm.engine.gguf;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key/value metadata of a GGUF file, in file order, with typed accessors whose errors
 * name the file and the key. Keys follow llama.cpp ({@code general.architecture},
 * {@code llama.block_count}, {@code tokenizer.ggml.tokens}, ...).
 */
public final class GGUFMetadata {

    private final Path source;
    private final Map<String, GGUFValue> values;

    public GGUFMetadata(Path source, Map<String, GGUFValue> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The file this metadata came from, or null when built in memory. */
    public Path source() {
        return source;
    }

    public Map<String, GGUFValue> asMap() {
        return values;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    public Optional<GGUFValue> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public GGUFValue get(String key) {
        GGUFValue v = values.get(key);
        if (v == null) {
            throw new GGUFException(source, "missing metadata key '" + key + "'");
        }
        return v;
    }

    /** {@code general.architecture}, e.g. "llama" or "qwen2". */
    public String architecture() {
        return getString("general.architecture");
    }

    public String getString(String key) {
        return (String) expect(key, get(key), GGUFValueType.STRING).value();
    }

    public Optional<String> findString(String key) {
        return find(key).map(v -> (String) expect(key, v, GGUFValueType.STRING).value());
    }

    public long getLong(String key) {
        return integer(key, get(key));
    }

    public Optional<Long> findLong(String key) {
        return find(key).map(v -> integer(key, v));
    }

    /** An integer value of any width that fits in an {@code int}. */
    public int getInt(String key) {
        return toInt(key, getLong(key));
    }

    public Optional<Integer> findInt(String key) {
        return findLong(key).map(v -> toInt(key, v));
    }

    /** A FLOAT32 or FLOAT64 value. */
    public float getFloat(String key) {
        return real(key, get(key));
    }

    public Optional<Float> findFloat(String key) {
        return find(key).map(v -> real(key, v));
    }

    public boolean getBool(String key) {
        return (Boolean) expect(key, get(key), GGUFValueType.BOOL).value();
    }

    public Optional<Boolean> findBool(String key) {
        return find(key).map(v -> (Boolean) expect(key, v, GGUFValueType.BOOL).value());
    }

    public GGUFArray getArray(String key) {
        return (GGUFArray) expect(key, get(key), GGUFValueType.ARRAY).value();
    }

    public int arrayLength(String key) {
        return getArray(key).length();
    }

    public String[] getStringArray(String key) {
        return (String[]) arrayOf(key, GGUFValueType.STRING).elements();
    }

    public float[] getFloatArray(String key) {
        GGUFArray a = getArray(key);
        if (a.elementType() == GGUFValueType.FLOAT32) {
            return (float[]) a.elements();
        }
        throw wrongType(key, "array of " + a.elementType(), "array of FLOAT32");
    }

    /** An array of any integer element type whose values all fit in an {@code int}. */
    public int[] getIntArray(String key) {
        GGUFArray a = getArray(key);
        if (!a.elementType().isInteger()) {
            throw wrongType(key, "array of " + a.elementType(), "array of integers");
        }
        long[] longs = (long[]) a.elements();
        int[] ints = new int[longs.length];
        for (int i = 0; i < longs.length; i++) {
            ints[i] = toInt(key, longs[i]);
        }
        return ints;
    }

    private GGUFArray arrayOf(String key, GGUFValueType elementType) {
        GGUFArray a = getArray(key);
        if (a.elementType() != elementType) {
            throw wrongType(key, "array of " + a.elementType(), "array of " + elementType);
        }
        return a;
    }

    private GGUFValue expect(String key, GGUFValue v, GGUFValueType type) {
        if (v.type() != type) {
            throw wrongType(key, v.type().toString(), type.toString());
        }
        return v;
    }

    private long integer(String key, GGUFValue v) {
        if (!v.type().isInteger()) {
            throw wrongType(key, v.type().toString(), "an integer");
        }
        long value = (Long) v.value();
        if (v.type() == GGUFValueType.UINT64 && value < 0) {
            throw new GGUFException(source, "metadata key '" + key + "' = " + Long.toUnsignedString(value) + " is too large");
        }
        return value;
    }

    private float real(String key, GGUFValue v) {
        return switch (v.type()) {
            case FLOAT32 -> (Float) v.value();
            case FLOAT64 -> ((Double) v.value()).floatValue();
            default -> throw wrongType(key, v.type().toString(), "FLOAT32 or FLOAT64");
        };
    }

    private int toInt(String key, long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new GGUFException(source, "metadata key '" + key + "' = " + v + " does not fit in a 32-bit integer");
        }
        return (int) v;
    }

    private GGUFException wrongType(String key, String actual, String expected) {
        return new GGUFException(source, "metadata key '" + key + "' has type " + actual + ", expected " + expected);
    }
}
