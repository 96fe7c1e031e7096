package io.edgellm.engine.train;

import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.WeightMatrices;
import io.edgellm.engine.tensor.WeightMatrix;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A tensor of {@code rows × cols} f32 values on the heap, row-major, named as in GGUF
 * ({@code blk.3.attn_q.weight}) or, for adapters, after the base tensor they attach to
 * ({@code blk.3.attn_q.lora_a}). A trainable parameter carries a gradient of the same shape, which
 * backward passes add to until {@link #zeroGradient()}; a frozen one has none. A vector is one row.
 */
public final class Parameter {

    private final String name;
    private final int rows;
    private final int cols;
    private final float[] value;
    private final float[] gradient;
    private final boolean decay;

    /**
     * @param decay whether AdamW's weight decay applies (matrices; not norms, biases or soft prompts)
     */
    public Parameter(String name, int rows, int cols, float[] value, boolean trainable, boolean decay) {
        if (rows < 1 || cols < 1 || value.length != rows * cols) {
            throw new IllegalArgumentException("parameter '" + name + "' of " + rows + "x" + cols + " needs "
                    + ((long) rows * cols) + " values, got " + value.length);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.value = value;
        this.gradient = trainable ? new float[value.length] : null;
        this.decay = decay;
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return value.length;
    }

    /** The values themselves, not a copy: the optimizer updates them in place. */
    public float[] value() {
        return value;
    }

    /** The accumulated gradient, or null when frozen. */
    public float[] gradient() {
        return gradient;
    }

    public boolean trainable() {
        return gradient != null;
    }

    public boolean decay() {
        return decay;
    }

    /** An F32 {@link WeightMatrix} view of the values (no copy): updates show through. */
    public WeightMatrix asMatrix() {
        return WeightMatrices.of(GGMLType.F32, MemorySegment.ofArray(value), rows, cols);
    }

    /**
     * Overwrites the values with {@code values} of shape {@code rows × cols}, e.g. an adapter read
     * from a file.
     *
     * @throws IllegalArgumentException naming this parameter when the shape differs
     */
    public void load(float[] values, int rows, int cols) {
        if (rows != this.rows || cols != this.cols || values.length != value.length) {
            throw new IllegalArgumentException("'" + name + "' is " + this.rows + "x" + this.cols + ", cannot load "
                    + rows + "x" + cols + (values.length != (long) rows * cols ? " (" + values.length + " values)" : ""));
        }
        System.arraycopy(values, 0, value, 0, value.length);
    }

    public void zeroGradient() {
        if (gradient != null) {
            Arrays.fill(gradient, 0f);
        }
    }

    /** Bytes of values, plus gradient when trainable. */
    long valueBytes() {
        return (long) value.length * Float.BYTES;
    }

    long gradientBytes() {
        return gradient == null ? 0 : (long) gradient.length * Float.BYTES;
    }

    @Override
    public String toString() {
        return name + " [" + rows + "x" + cols + (trainable() ? ", trainable]" : ", frozen]");
    }
}
