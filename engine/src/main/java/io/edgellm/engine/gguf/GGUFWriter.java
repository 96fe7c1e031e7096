package io.edgellm.engine.gguf;

import io.edgellm.engine.io.AtomicFiles;
import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF files (version 3 by default, or 2). Metadata keeps insertion order; tensor data is
 * streamed from {@link TensorData} in the order tensors were added, each aligned to
 * {@code general.alignment} (32 unless set). The file appears only when complete: bytes go to a
 * temporary file in the same folder that is renamed over the target at the end.
 */
public final class GGUFWriter {

    private record PendingTensor(String name, GGMLType type, long[] shape, TensorData data) {
    }

    private final int version;
    private final Map<String, GGUFValue> metadata = new LinkedHashMap<>();
    private final List<PendingTensor> tensors = new ArrayList<>();

    public GGUFWriter() {
        this(3);
    }

    public GGUFWriter(int version) {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("can write GGUF versions 2 and 3, not " + version);
        }
        this.version = version;
    }

    public GGUFWriter put(String key, GGUFValue value) {
        metadata.put(key, value);
        return this;
    }

    public GGUFWriter putString(String key, String value) {
        return put(key, GGUFValue.ofString(value));
    }

    public GGUFWriter putUInt32(String key, long value) {
        return put(key, GGUFValue.ofUInt32(value));
    }

    public GGUFWriter putInt32(String key, int value) {
        return put(key, GGUFValue.ofInt32(value));
    }

    public GGUFWriter putFloat32(String key, float value) {
        return put(key, GGUFValue.ofFloat32(value));
    }

    public GGUFWriter putBool(String key, boolean value) {
        return put(key, GGUFValue.ofBool(value));
    }

    /** Copies every key of {@code source}, e.g. to re-write a model with other tensor types. */
    public GGUFWriter putAll(GGUFMetadata source) {
        metadata.putAll(source.asMap());
        return this;
    }

    public GGUFWriter remove(String key) {
        metadata.remove(key);
        return this;
    }

    /**
     * Adds a tensor; {@code shape} is in GGML order (contiguous dimension first).
     *
     * @throws IllegalArgumentException if the data size disagrees with type and shape, or the name repeats
     */
    public GGUFWriter addTensor(String name, GGMLType type, long[] shape, TensorData data) {
        if (tensors.stream().anyMatch(t -> t.name.equals(name))) {
            throw new IllegalArgumentException("tensor '" + name + "' added twice");
        }
        if (shape.length < 1 || shape.length > 4) {
            throw new IllegalArgumentException("tensor '" + name + "' must have 1 to 4 dimensions, got " + shape.length);
        }
        long elements = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has non-positive dimension in " + Arrays.toString(shape));
            }
            elements = Math.multiplyExact(elements, d);
        }
        if (shape[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "': rows of " + shape[0] + " " + type
                    + " elements are not whole blocks of " + type.blockSize());
        }
        long expected = type.bytesFor(elements);
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("tensor '" + name + "' (" + type + " " + Arrays.toString(shape) + ") needs "
                    + expected + " bytes, data has " + data.byteSize());
        }
        tensors.add(new PendingTensor(name, type, shape.clone(), data));
        return this;
    }

    /** Writes the file atomically; on failure nothing is left at {@code target} or beside it. */
    public void write(Path target) throws IOException {
        AtomicFiles.write(target, this::writeTo);
    }

    /** Streams the whole file to {@code out}. */
    public void writeTo(WritableByteChannel out) throws IOException {
        int alignment = alignment();
        Header header = new Header();
        header.i32(GGUFFile.MAGIC);
        header.i32(version);
        header.i64(tensors.size());
        header.i64(metadata.size());
        metadata.forEach((key, value) -> {
            header.string(key);
            header.i32(value.type().id());
            header.value(value);
        });
        long offset = 0;
        long[] offsets = new long[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            PendingTensor t = tensors.get(i);
            header.string(t.name);
            header.i32(t.shape.length);
            for (long d : t.shape) {
                header.i64(d);
            }
            header.i32(t.type.id());
            header.i64(offset);
            offsets[i] = offset;
            offset = GGUFFile.alignUp(offset + t.data.byteSize(), alignment);
        }
        header.pad(alignment);
        long written = header.flush(out);
        long dataStart = written;
        for (int i = 0; i < tensors.size(); i++) {
            PendingTensor t = tensors.get(i);
            written += pad(out, dataStart + offsets[i] - written);
            t.data.writeTo(out);
            written += t.data.byteSize();
        }
    }

    private int alignment() {
        GGUFValue a = metadata.get(GGUFFile.ALIGNMENT_KEY);
        if (a == null) {
            return GGUFFile.DEFAULT_ALIGNMENT;
        }
        long value = new GGUFMetadata(null, Map.of(GGUFFile.ALIGNMENT_KEY, a)).getLong(GGUFFile.ALIGNMENT_KEY);
        if (value <= 0 || Long.bitCount(value) != 1) {
            throw new IllegalArgumentException(GGUFFile.ALIGNMENT_KEY + " must be a power of two, got " + value);
        }
        return (int) value;
    }

    private static long pad(WritableByteChannel out, long bytes) throws IOException {
        if (bytes < 0) {
            throw new IllegalStateException("tensor data overran its slot by " + -bytes + " bytes");
        }
        ByteBuffer zeros = ByteBuffer.allocate((int) bytes);
        while (zeros.hasRemaining()) {
            out.write(zeros);
        }
        return bytes;
    }

    /** Serialises header fields into a growing little-endian buffer. */
    private static final class Header {
        private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void ensure(int bytes) {
            if (buffer.remaining() < bytes) {
                int capacity = Math.max(buffer.capacity() * 2, buffer.position() + bytes);
                ByteBuffer bigger = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        void i8(int v) {
            ensure(1);
            buffer.put((byte) v);
        }

        void i16(int v) {
            ensure(2);
            buffer.putShort((short) v);
        }

        void i32(int v) {
            ensure(4);
            buffer.putInt(v);
        }

        void i64(long v) {
            ensure(8);
            buffer.putLong(v);
        }

        void string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            i64(bytes.length);
            ensure(bytes.length);
            buffer.put(bytes);
        }

        void value(GGUFValue v) {
            scalarOrArray(v.type(), v.value());
        }

        private void scalarOrArray(GGUFValueType type, Object value) {
            switch (type) {
                case UINT8, INT8 -> i8((int) (long) (Long) value);
                case UINT16, INT16 -> i16((int) (long) (Long) value);
                case UINT32, INT32 -> i32((int) (long) (Long) value);
                case UINT64, INT64 -> i64((Long) value);
                case FLOAT32 -> i32(Float.floatToRawIntBits((Float) value));
                case FLOAT64 -> i64(Double.doubleToRawLongBits((Double) value));
                case BOOL -> i8((Boolean) value ? 1 : 0);
                case STRING -> string((String) value);
                case ARRAY -> array((GGUFArray) value);
            }
        }

        private void array(GGUFArray a) {
            i32(a.elementType().id());
            i64(a.length());
            switch (a.elements()) {
                case long[] values -> {
                    for (long x : values) {
                        scalarOrArray(a.elementType(), x);
                    }
                }
                case float[] values -> {
                    for (float x : values) {
                        i32(Float.floatToRawIntBits(x));
                    }
                }
                case double[] values -> {
                    for (double x : values) {
                        i64(Double.doubleToRawLongBits(x));
                    }
                }
                case boolean[] values -> {
                    for (boolean x : values) {
                        i8(x ? 1 : 0);
                    }
                }
                case String[] values -> {
                    for (String x : values) {
                        string(x);
                    }
                }
                case GGUFArray[] values -> {
                    for (GGUFArray x : values) {
                        array(x);
                    }
                }
                default -> throw new IllegalStateException("unexpected array storage " + a.elements().getClass());
            }
        }

        void pad(int alignment) {
            int padding = (int) (GGUFFile.alignUp(buffer.position(), alignment) - buffer.position());
            ensure(padding);
            buffer.put(new byte[padding]);
        }

        long flush(WritableByteChannel out) throws IOException {
            buffer.flip();
            long n = buffer.remaining();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            return n;
        }
    }
}
