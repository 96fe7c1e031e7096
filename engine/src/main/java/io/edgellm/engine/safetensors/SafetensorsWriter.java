package io.edgellm.engine.safetensors;

import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.io.AtomicFiles;
import io.edgellm.engine.json.JsonValue;
import io.edgellm.engine.json.JsonValue.JsonArray;
import io.edgellm.engine.json.JsonValue.JsonNumber;
import io.edgellm.engine.json.JsonValue.JsonObject;
import io.edgellm.engine.json.JsonValue.JsonString;
import io.edgellm.engine.json.JsonWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes safetensors files that are byte-identical to what the reference Python/Rust library
 * writes for the same tensors: tensors laid out by descending {@link DType} (its alignment
 * order) then by name, the header as compact JSON with {@code __metadata__} first, padded with
 * spaces to a multiple of 8 bytes so that the data starts aligned. Metadata keys are sorted
 * (the reference library writes them in hash order, which is not reproducible); an empty
 * metadata map is left out. Files are written atomically.
 */
public final class SafetensorsWriter {

    private static final int HEADER_ALIGNMENT = 8;
    /** Unicode code point order, which is the byte order of UTF-8 and so the reference library's string order. */
    private static final Comparator<String> CODE_POINT_ORDER =
            (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    private record Pending(String name, DType dtype, long[] shape, TensorData data) {
    }

    private final Map<String, String> metadata = new TreeMap<>(CODE_POINT_ORDER);
    private final Map<String, Pending> tensors = new LinkedHashMap<>();

    public SafetensorsWriter putMetadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * Adds a tensor with a row-major {@code shape} (empty for a scalar; a 0 makes it empty).
     *
     * @throws IllegalArgumentException if the name repeats or is reserved, a dimension is
     *     negative, or the data size disagrees with dtype and shape
     */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, TensorData data) {
        if (name.equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("'" + name + "' is reserved for metadata and cannot name a tensor");
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' added twice");
        }
        long elements = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension in " + Arrays.toString(shape));
            }
            elements = Math.multiplyExact(elements, d);
        }
        long expected = Math.multiplyExact(elements, dtype.byteSize());
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("tensor '" + name + "' (" + dtype + " " + Arrays.toString(shape) + ") needs "
                    + expected + " bytes, data has " + data.byteSize());
        }
        tensors.put(name, new Pending(name, dtype, shape.clone(), data));
        return this;
    }

    /** Adds float values stored as F32, F16 or BF16 (rounded to nearest even). */
    public SafetensorsWriter addFloats(String name, DType dtype, long[] shape, float[] values) {
        return add(name, dtype, shape, TensorData.of(FloatCodec.encode(values, dtype)));
    }

    /** Writes the file atomically; on failure nothing is left at {@code target} or beside it. */
    public void write(Path target) throws IOException {
        AtomicFiles.write(target, this::writeTo);
    }

    /** Streams the whole file to {@code out}. */
    public void writeTo(WritableByteChannel out) throws IOException {
        List<Pending> ordered = new ArrayList<>(tensors.values());
        ordered.sort(Comparator.comparing(Pending::dtype, Comparator.reverseOrder())
                .thenComparing(Pending::name, CODE_POINT_ORDER));
        byte[] json = header(ordered).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + HEADER_ALIGNMENT - 1) / HEADER_ALIGNMENT * HEADER_ALIGNMENT;
        ByteBuffer head = ByteBuffer.allocate(Long.BYTES + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        while (head.hasRemaining()) {
            out.write(head);
        }
        for (Pending t : ordered) {
            t.data.writeTo(out);
        }
    }

    private String header(List<Pending> ordered) {
        Map<String, JsonValue> root = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            Map<String, JsonValue> md = new LinkedHashMap<>();
            metadata.forEach((k, v) -> md.put(k, new JsonString(v)));
            root.put(SafetensorsHeader.METADATA_KEY, new JsonObject(md));
        }
        long offset = 0;
        for (Pending t : ordered) {
            Map<String, JsonValue> info = new LinkedHashMap<>();
            info.put("dtype", new JsonString(t.dtype.name()));
            info.put("shape", new JsonArray(Arrays.stream(t.shape).mapToObj(JsonNumber::of).map(JsonValue.class::cast).toList()));
            long end = offset + t.data.byteSize();
            info.put("data_offsets", new JsonArray(List.of(JsonNumber.of(offset), JsonNumber.of(end))));
            root.put(t.name, new JsonObject(info));
            offset = end;
        }
        return JsonWriter.write(new JsonObject(root));
    }
}
