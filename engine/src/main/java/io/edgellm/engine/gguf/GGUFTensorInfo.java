package io.edgellm.engine.gguf;

import io.edgellm.engine.tensor.GGMLType;
import java.util.Arrays;

/**
 * A tensor's entry in a GGUF file. {@code shape} is in GGML order: {@code shape[0]} is the
 * contiguous dimension (a matrix of R rows and C columns has shape {@code [C, R]}).
 * {@code offset} is relative to the start of the tensor data section.
 */
public record GGUFTensorInfo(String name, long[] shape, GGMLType type, long offset) {

    public GGUFTensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int dimensions() {
        return shape.length;
    }

    /** Size of dimension {@code i}, 1 beyond the tensor's rank (as GGML pads shapes). */
    public long dim(int i) {
        return i < shape.length ? shape[i] : 1;
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long byteSize() {
        return type.bytesFor(elementCount());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GGUFTensorInfo t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && type == t.type && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(shape);
    }
}
