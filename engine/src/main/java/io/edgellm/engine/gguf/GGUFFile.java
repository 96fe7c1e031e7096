package io.edgellm.engine.gguf;

import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF file (versions 2 and 3), memory-mapped whole through the FFM API: metadata and tensor
 * infos are parsed and checked on open; tensor data stays in the mapping, so files larger than
 * 2 GiB are served without copying into the heap. Closing the file unmaps it; segments handed
 * out by {@link #tensorData} are invalid afterwards.
 */
public final class GGUFFile implements AutoCloseable {

    /** "GGUF" read as a little-endian int. */
    static final int MAGIC = 0x46554747;
    static final int DEFAULT_ALIGNMENT = 32;
    static final String ALIGNMENT_KEY = "general.alignment";
    private static final int MAX_DIMENSIONS = 4;

    private final Path path;
    private final Arena arena;
    private final MemorySegment mapping;
    private final int version;
    private final GGUFMetadata metadata;
    private final List<GGUFTensorInfo> tensors;
    private final Map<String, GGUFTensorInfo> tensorsByName;
    private final int alignment;
    private final long dataStart;

    private GGUFFile(Path path, Arena arena, MemorySegment mapping) {
        this.path = path;
        this.arena = arena;
        this.mapping = mapping;
        SegmentCursor in = new SegmentCursor(mapping, path);
        int magic = in.i32("magic");
        if (magic != MAGIC) {
            throw new GGUFException(path, String.format("not a GGUF file (magic bytes %08x, expected \"GGUF\")", magic));
        }
        int v = in.i32("version");
        if (v == 1) {
            throw new GGUFException(path, "GGUF version 1 is not supported (only versions 2 and 3); re-convert the model with a current llama.cpp");
        }
        if (v != 2 && v != 3) {
            boolean bigEndian = Integer.reverseBytes(v) == 2 || Integer.reverseBytes(v) == 3;
            throw new GGUFException(path, bigEndian
                    ? "big-endian GGUF files are not supported"
                    : "unsupported GGUF version " + Integer.toUnsignedString(v) + " (supported: 2, 3)");
        }
        this.version = v;
        // Each tensor info takes at least 24 bytes and each key/value pair at least 12.
        long tensorCount = in.count("tensor count", 24);
        long kvCount = in.count("metadata count", 12);
        Map<String, GGUFValue> kv = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = in.string("metadata key #" + i);
            GGUFValueType type = valueType(in.i32("type of '" + key + "'"), key);
            if (kv.put(key, readValue(in, type, key)) != null) {
                throw new GGUFException(path, "metadata key '" + key + "' appears twice");
            }
        }
        this.metadata = new GGUFMetadata(path, kv);
        this.alignment = alignmentOf(metadata);

        List<GGUFTensorInfo> infos = new ArrayList<>((int) tensorCount);
        Map<String, GGUFTensorInfo> byName = new LinkedHashMap<>();
        for (long i = 0; i < tensorCount; i++) {
            GGUFTensorInfo info = readTensorInfo(in, i);
            if (byName.put(info.name(), info) != null) {
                throw new GGUFException(path, "tensor '" + info.name() + "' appears twice");
            }
            infos.add(info);
        }
        this.dataStart = alignUp(in.position(), alignment);
        for (GGUFTensorInfo info : infos) {
            checkPlacement(info);
        }
        this.tensors = Collections.unmodifiableList(infos);
        this.tensorsByName = Collections.unmodifiableMap(byName);
    }

    /**
     * Opens and maps {@code path}.
     *
     * @throws GGUFException naming the file when it is missing, unreadable, truncated or corrupt
     */
    public static GGUFFile open(Path path) {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new GGUFFile(path, arena, mapping);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new GGUFException(path, "no such file");
        } catch (IOException e) {
            arena.close();
            throw new GGUFException(path, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    public int alignment() {
        return alignment;
    }

    public GGUFMetadata metadata() {
        return metadata;
    }

    public List<GGUFTensorInfo> tensorInfos() {
        return tensors;
    }

    public Optional<GGUFTensorInfo> findTensor(String name) {
        return Optional.ofNullable(tensorsByName.get(name));
    }

    public GGUFTensorInfo tensor(String name) {
        GGUFTensorInfo info = tensorsByName.get(name);
        if (info == null) {
            throw new GGUFException(path, "missing tensor '" + name + "'");
        }
        return info;
    }

    /** The bytes of a tensor, a read-only view into the mapping. */
    public MemorySegment tensorData(GGUFTensorInfo info) {
        return mapping.asSlice(dataStart + info.offset(), info.byteSize());
    }

    public MemorySegment tensorData(String name) {
        return tensorData(tensor(name));
    }

    /** Total size of the mapped file in bytes. */
    public long fileSize() {
        return mapping.byteSize();
    }

    @Override
    public void close() {
        arena.close();
    }

    private GGUFValueType valueType(int id, String key) {
        GGUFValueType type = GGUFValueType.byId(id);
        if (type == null) {
            throw new GGUFException(path, "metadata key '" + key + "' has unknown value type id " + id);
        }
        return type;
    }

    private GGUFValue readValue(SegmentCursor in, GGUFValueType type, String key) {
        Object value = switch (type) {
            case UINT8 -> (long) Byte.toUnsignedInt(in.i8(key));
            case INT8 -> (long) in.i8(key);
            case UINT16 -> (long) Short.toUnsignedInt(in.i16(key));
            case INT16 -> (long) in.i16(key);
            case UINT32 -> in.u32(key);
            case INT32 -> (long) in.i32(key);
            case UINT64, INT64 -> in.i64(key);
            case FLOAT32 -> Float.intBitsToFloat(in.i32(key));
            case FLOAT64 -> Double.longBitsToDouble(in.i64(key));
            case BOOL -> readBool(in, key);
            case STRING -> in.string(key);
            case ARRAY -> readArray(in, key);
        };
        return new GGUFValue(type, value);
    }

    private boolean readBool(SegmentCursor in, String key) {
        byte b = in.i8(key);
        if (b != 0 && b != 1) {
            throw new GGUFException(path, "metadata key '" + key + "' is a bool with invalid byte " + b);
        }
        return b == 1;
    }

    private GGUFArray readArray(SegmentCursor in, String key) {
        GGUFValueType elementType = valueType(in.i32("element type of '" + key + "'"), key);
        // Strings and nested arrays take at least 8 bytes each (their length field).
        int minBytes = elementType.fixedBytes() > 0 ? elementType.fixedBytes() : 8;
        long n = in.count("length of array '" + key + "'", minBytes);
        if (n > Integer.MAX_VALUE - 8) {
            throw new GGUFException(path, "array '" + key + "' has " + n + " elements, too many");
        }
        int length = (int) n;
        Object elements = switch (elementType) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> {
                long[] a = new long[length];
                for (int i = 0; i < length; i++) {
                    a[i] = (Long) readValue(in, elementType, key).value();
                }
                yield a;
            }
            case FLOAT32 -> {
                float[] a = new float[length];
                for (int i = 0; i < length; i++) {
                    a[i] = Float.intBitsToFloat(in.i32(key));
                }
                yield a;
            }
            case FLOAT64 -> {
                double[] a = new double[length];
                for (int i = 0; i < length; i++) {
                    a[i] = Double.longBitsToDouble(in.i64(key));
                }
                yield a;
            }
            case BOOL -> {
                boolean[] a = new boolean[length];
                for (int i = 0; i < length; i++) {
                    a[i] = readBool(in, key);
                }
                yield a;
            }
            case STRING -> {
                String[] a = new String[length];
                for (int i = 0; i < length; i++) {
                    a[i] = in.string(key + "[" + i + "]");
                }
                yield a;
            }
            case ARRAY -> {
                GGUFArray[] a = new GGUFArray[length];
                for (int i = 0; i < length; i++) {
                    a[i] = readArray(in, key + "[" + i + "]");
                }
                yield a;
            }
        };
        return new GGUFArray(elementType, elements);
    }

    private GGUFTensorInfo readTensorInfo(SegmentCursor in, long index) {
        String name = in.string("name of tensor #" + index);
        int dims = in.i32("dimension count of tensor '" + name + "'");
        if (dims < 1 || dims > MAX_DIMENSIONS) {
            throw new GGUFException(path, "tensor '" + name + "' has " + dims + " dimensions (1 to " + MAX_DIMENSIONS + " allowed)");
        }
        long[] shape = new long[dims];
        for (int d = 0; d < dims; d++) {
            shape[d] = in.i64("shape of tensor '" + name + "'");
            if (shape[d] <= 0) {
                throw new GGUFException(path, "tensor '" + name + "' has invalid size " + Long.toUnsignedString(shape[d])
                        + " in dimension " + d);
            }
        }
        int typeId = in.i32("type of tensor '" + name + "'");
        GGMLType type = GGMLType.byId(typeId).orElseThrow(() ->
                new GGUFException(path, "tensor '" + name + "' has unknown type id " + typeId));
        long offset = in.i64("offset of tensor '" + name + "'");
        if (shape[0] % type.blockSize() != 0) {
            throw new GGUFException(path, "tensor '" + name + "' of type " + type + " has a row of " + shape[0]
                    + " elements, not a multiple of the block size " + type.blockSize());
        }
        try {
            return new GGUFTensorInfo(name, shape, type, offset);
        } catch (ArithmeticException e) {
            throw new GGUFException(path, "tensor '" + name + "' has an impossibly large shape");
        }
    }

    private void checkPlacement(GGUFTensorInfo info) {
        long size;
        try {
            size = info.byteSize();
        } catch (ArithmeticException e) {
            throw new GGUFException(path, "tensor '" + info.name() + "' has an impossibly large shape");
        }
        if (info.offset() < 0 || info.offset() % alignment != 0) {
            throw new GGUFException(path, "tensor '" + info.name() + "' has offset " + info.offset()
                    + ", not a multiple of the alignment " + alignment);
        }
        long end = dataStart + info.offset() + size;
        if (info.offset() > mapping.byteSize() || end > mapping.byteSize() || end < 0) {
            throw new GGUFException(path, "file is truncated: tensor '" + info.name() + "' (" + info.type() + " "
                    + java.util.Arrays.toString(info.shape()) + ", " + size + " bytes) ends at byte " + end
                    + " but the file has " + mapping.byteSize() + " bytes");
        }
    }

    private int alignmentOf(GGUFMetadata md) {
        if (!md.containsKey(ALIGNMENT_KEY)) {
            return DEFAULT_ALIGNMENT;
        }
        long a = md.getLong(ALIGNMENT_KEY);
        if (a <= 0 || a > (1 << 20) || Long.bitCount(a) != 1) {
            throw new GGUFException(path, ALIGNMENT_KEY + " = " + a + " is not a power of two");
        }
        return (int) a;
    }

    static long alignUp(long position, long alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }
}
