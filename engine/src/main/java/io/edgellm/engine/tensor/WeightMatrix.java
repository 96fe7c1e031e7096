package io.edgellm.engine.tensor;

/**
 * A weight matrix of {@code rows × cols} values stored in one {@link GGMLType}, row-major: each
 * row's {@code cols} values are contiguous (GGML's {@code ne0 = cols}, {@code ne1 = rows}).
 *
 * <p>Implementations are per storage type and read the weights in place (usually a memory-mapped
 * file). The compute methods are single-threaded over a row range so that callers can split
 * rows over cores; {@link ComputePool} does that split. Calls on disjoint row ranges may run
 * concurrently. A matrix whose segment belongs to a confined arena can only be used from that arena's
 * thread, so give a {@link ComputePool} shared, global or automatic segments.
 *
 * <p>Results are float32 sums: they differ from exact products by rounding only (tests bound it at a
 * few millionths of {@code Σ|w·x|}); inputs are never quantized.
 */
public interface WeightMatrix {

    GGMLType type();

    int rows();

    int cols();

    /** Bytes of weights in storage: what one full matrix-vector product reads. */
    default long byteSize() {
        return type().bytesFor((long) rows() * cols());
    }

    /** Writes row {@code row} as floats into {@code out[offset, offset + cols)}. */
    void dequantizeRow(int row, float[] out, int offset);

    /** {@code out[r] = row(r) · x} for {@code r} in {@code [rowFrom, rowTo)}; {@code x} has {@code cols} values. */
    void matVec(float[] x, float[] out, int rowFrom, int rowTo);

    /**
     * Batched product for {@code n} input vectors stored row-major in {@code x} ({@code n × cols}):
     * {@code out[i * rows + r] = row(r) · x_i} for {@code r} in {@code [rowFrom, rowTo)}. Each weight
     * row is read once for the whole batch, which is what makes prefill compute-bound.
     *
     * <p>This packs {@code x} on every call; to split one product over threads, or to multiply the
     * same inputs by several matrices, pack once with {@link PackedBatch#pack} and use
     * {@link #matMul(PackedBatch, float[], int, int)}.
     */
    default void matMul(float[] x, int n, float[] out, int rowFrom, int rowTo) {
        matMul(PackedBatch.pack(x, n, cols()), out, rowFrom, rowTo);
    }

    /** {@link #matMul(float[], int, float[], int, int)} on inputs already packed for this matrix's {@code cols}. */
    void matMul(PackedBatch x, float[] out, int rowFrom, int rowTo);
}
