package io.edgellm.engine.safetensors;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A safetensors file (the Hugging Face format: 8-byte little-endian header length, JSON
 * header, raw little-endian data), memory-mapped whole through the FFM API. The header is
 * validated on open; tensor data stays in the mapping. Closing the file unmaps it, and
 * segments handed out by {@link #data} are invalid afterwards.
 */
public final class SafetensorsFile implements AutoCloseable {

    private final Path path;
    private final Arena arena;
    private final MemorySegment mapping;
    private final SafetensorsHeader header;
    private final List<SafetensorsTensor> tensors;
    private final Map<String, SafetensorsTensor> byName = new LinkedHashMap<>();

    private SafetensorsFile(Path path, Arena arena, MemorySegment mapping) {
        this.path = path;
        this.arena = arena;
        this.mapping = mapping;
        this.header = SafetensorsHeader.read(path, mapping);
        this.tensors = header.tensors().stream().sorted(Comparator.comparingLong(SafetensorsTensor::begin)).toList();
        tensors.forEach(t -> byName.put(t.name(), t));
    }

    /**
     * Opens, maps and validates {@code path}.
     *
     * @throws SafetensorsException naming the file when it is missing, unreadable, truncated or invalid
     */
    public static SafetensorsFile open(Path path) {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return new SafetensorsFile(path, arena, channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena));
        } catch (NoSuchFileException e) {
            arena.close();
            throw new SafetensorsException(path, "no such file");
        } catch (IOException e) {
            arena.close();
            throw new SafetensorsException(path, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The free-form {@code __metadata__} map, empty when the header has none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** All tensors in the order of their data in the file. */
    public List<SafetensorsTensor> tensors() {
        return tensors;
    }

    public Optional<SafetensorsTensor> findTensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public SafetensorsTensor tensor(String name) {
        SafetensorsTensor t = byName.get(name);
        if (t == null) {
            throw new SafetensorsException(path, "no tensor named '" + name + "'");
        }
        return t;
    }

    /** The raw little-endian bytes of a tensor: a read-only view into the mapping. */
    public MemorySegment data(SafetensorsTensor tensor) {
        return mapping.asSlice(header.dataStart() + tensor.begin(), tensor.byteSize()).asReadOnly();
    }

    public MemorySegment data(String name) {
        return data(tensor(name));
    }

    /**
     * A copy of an F32, F16 or BF16 tensor's values as floats, in row-major order.
     *
     * @throws SafetensorsException if the tensor is missing, of another dtype, or too big for one array
     */
    public float[] floats(String name) {
        SafetensorsTensor t = tensor(name);
        if (!FloatCodec.supports(t.dtype())) {
            throw new SafetensorsException(path, "tensor '" + name + "' is " + t.dtype() + ", not F32, F16 or BF16");
        }
        if (t.elementCount() > Integer.MAX_VALUE - 8) {
            throw new SafetensorsException(path, "tensor '" + name + "' has " + t.elementCount() + " elements, too many for one float[]");
        }
        return FloatCodec.decode(data(t), t.dtype());
    }

    @Override
    public void close() {
        arena.close();
    }
}
