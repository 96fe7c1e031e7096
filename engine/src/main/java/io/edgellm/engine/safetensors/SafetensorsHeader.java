package io.edgellm.engine.safetensors;

import io.edgellm.engine.json.JsonException;
import io.edgellm.engine.json.JsonParser;
import io.edgellm.engine.json.JsonValue;
import io.edgellm.engine.json.JsonValue.JsonArray;
import io.edgellm.engine.json.JsonValue.JsonNumber;
import io.edgellm.engine.json.JsonValue.JsonObject;
import io.edgellm.engine.json.JsonValue.JsonString;
import io.edgellm.engine.json.JsonWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed and validated header of a safetensors file: everything the spec requires is
 * checked here, so that a {@link SafetensorsFile} never hands out a slice that disagrees with
 * its dtype and shape or reaches past the file.
 */
record SafetensorsHeader(Map<String, String> metadata, List<SafetensorsTensor> tensors, long dataStart) {

    static final String METADATA_KEY = "__metadata__";
    /** The reference library's limit; a larger length is a corrupt or hostile file. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final Set<String> TENSOR_FIELDS = Set.of("dtype", "shape", "data_offsets");
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Parses the header at the start of {@code file} and checks it against the file's size. */
    static SafetensorsHeader read(Path file, MemorySegment bytes) {
        if (bytes.byteSize() < Long.BYTES) {
            throw new SafetensorsException(file, "file has " + bytes.byteSize()
                    + " bytes, too short for the 8-byte header length: not a safetensors file or truncated");
        }
        long n = bytes.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafetensorsException(file, "header length " + Long.toUnsignedString(n) + " is absurd (limit "
                    + MAX_HEADER_BYTES + " bytes): not a safetensors file or corrupt");
        }
        if (Long.BYTES + n > bytes.byteSize()) {
            throw new SafetensorsException(file, "file is truncated: the header needs " + n + " bytes but only "
                    + (bytes.byteSize() - Long.BYTES) + " follow the length field");
        }
        String text = utf8(file, bytes.asSlice(Long.BYTES, n));
        if (!text.startsWith("{")) {
            throw new SafetensorsException(file, "header does not start with '{': not a safetensors file or corrupt");
        }
        JsonObject root;
        try {
            // Well-formed JSON that starts with '{' is an object.
            root = (JsonObject) JsonParser.parse(text);
        } catch (JsonException e) {
            throw new SafetensorsException(file, "header is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, String> metadata = Map.of();
        List<SafetensorsTensor> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonValue> e : root.members().entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = metadata(file, e.getValue());
            } else {
                tensors.add(tensor(file, e.getKey(), e.getValue()));
            }
        }
        long dataStart = Long.BYTES + n;
        checkLayout(file, tensors, bytes.byteSize() - dataStart);
        return new SafetensorsHeader(metadata, List.copyOf(tensors), dataStart);
    }

    private static String utf8(Path file, MemorySegment header) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header.toArray(ValueLayout.JAVA_BYTE)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsException(file, "header is not valid UTF-8", e);
        }
    }

    private static Map<String, String> metadata(Path file, JsonValue value) {
        if (!(value instanceof JsonObject o)) {
            throw new SafetensorsException(file, METADATA_KEY + " must be an object of strings, found " + value.kind());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        o.members().forEach((k, v) -> {
            if (!(v instanceof JsonString s)) {
                throw new SafetensorsException(file, METADATA_KEY + " entry '" + k + "' must be a string, found " + v.kind());
            }
            metadata.put(k, s.value());
        });
        return Collections.unmodifiableMap(metadata);
    }

    private static SafetensorsTensor tensor(Path file, String name, JsonValue value) {
        if (!(value instanceof JsonObject o)) {
            throw new SafetensorsException(file, "tensor '" + name + "': entry must be an object, found " + value.kind());
        }
        for (String key : o.members().keySet()) {
            if (!TENSOR_FIELDS.contains(key)) {
                throw new SafetensorsException(file, "tensor '" + name + "': unknown field '" + key + "'");
            }
        }
        String dtypeName = switch (field(file, name, o, "dtype")) {
            case JsonString s -> s.value();
            case JsonValue v -> throw new SafetensorsException(file, "tensor '" + name + "': dtype must be a string, found " + v.kind());
        };
        DType dtype = DType.byName(dtypeName).orElseThrow(() -> new SafetensorsException(file,
                "tensor '" + name + "': unknown dtype '" + dtypeName + "' (known: " + DType.names() + ")"));
        long[] shape = integers(file, name, field(file, name, o, "shape"), "shape");
        long[] offsets = integers(file, name, field(file, name, o, "data_offsets"), "data_offsets");
        if (offsets.length != 2) {
            throw new SafetensorsException(file, "tensor '" + name + "': data_offsets must be [begin, end], found "
                    + offsets.length + " numbers");
        }
        if (offsets[1] < offsets[0]) {
            throw new SafetensorsException(file, "tensor '" + name + "': data_offsets " + Arrays.toString(offsets)
                    + " end before they begin");
        }
        SafetensorsTensor t = new SafetensorsTensor(name, dtype, shape, offsets[0], offsets[1]);
        long expected;
        try {
            expected = Math.multiplyExact(t.elementCount(), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new SafetensorsException(file, "tensor '" + name + "': shape " + Arrays.toString(shape) + " is impossibly large");
        }
        if (t.byteSize() != expected) {
            throw new SafetensorsException(file, "tensor '" + name + "': " + dtype + " " + Arrays.toString(shape) + " needs "
                    + expected + " bytes but data_offsets " + Arrays.toString(offsets) + " span " + t.byteSize());
        }
        return t;
    }

    private static JsonValue field(Path file, String name, JsonObject o, String key) {
        return o.find(key).orElseThrow(() -> new SafetensorsException(file, "tensor '" + name + "': missing field '" + key + "'"));
    }

    /** A JSON array of non-negative integers that fit in a long. */
    private static long[] integers(Path file, String name, JsonValue value, String field) {
        if (!(value instanceof JsonArray a)) {
            throw new SafetensorsException(file, "tensor '" + name + "': " + field + " must be an array, found " + value.kind());
        }
        long[] result = new long[a.elements().size()];
        for (int i = 0; i < result.length; i++) {
            if (!(a.elements().get(i) instanceof JsonNumber n) || n.value().signum() < 0
                    || n.value().stripTrailingZeros().scale() > 0 || n.value().compareTo(MAX_LONG) > 0) {
                throw new SafetensorsException(file, "tensor '" + name + "': " + field + " must hold non-negative integers, found "
                        + JsonWriter.write(a));
            }
            result[i] = n.value().longValueExact();
        }
        return result;
    }

    /**
     * The spec requires the tensors' byte ranges to tile the data section exactly: sorted by
     * offset they start at 0, each begins where the previous one ended, and the last ends at
     * the end of the file. This rules out overlaps (two tensors sharing bytes) and holes.
     */
    private static void checkLayout(Path file, List<SafetensorsTensor> tensors, long dataBytes) {
        List<SafetensorsTensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(SafetensorsTensor::begin).thenComparingLong(SafetensorsTensor::end));
        long position = 0;
        SafetensorsTensor previous = null;
        for (SafetensorsTensor t : sorted) {
            if (t.end() > dataBytes) {
                throw new SafetensorsException(file, "tensor '" + t.name() + "': data_offsets [" + t.begin() + ", " + t.end()
                        + ") reach past the data section of " + dataBytes + " bytes (file truncated or offsets wrong)");
            }
            if (t.begin() < position) {
                throw new SafetensorsException(file, "tensor '" + t.name() + "': data_offsets [" + t.begin() + ", " + t.end()
                        + ") overlap tensor '" + previous.name() + "' [" + previous.begin() + ", " + previous.end() + ")");
            }
            if (t.begin() > position) {
                throw new SafetensorsException(file, "tensor '" + t.name() + "': data_offsets begin at " + t.begin()
                        + " leaving a hole of " + (t.begin() - position) + " bytes after " + position + "; tensors must be contiguous");
            }
            position = t.end();
            previous = t;
        }
        if (position != dataBytes) {
            throw new SafetensorsException(file, (dataBytes - position) + " bytes after the last tensor (offset " + position
                    + ") belong to no tensor; the data section must be covered exactly");
        }
    }
}
