package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Converts floats to a storage type, block by block, with ggml's reference algorithms so that files
 * written by the engine match llama.cpp's in layout and in quality (no importance matrix).
 */
public interface Quantizer {

    /** The type written. */
    GGMLType type();

    /**
     * Quantizes {@code src[offset, offset + count)} ({@code count} a multiple of the block size) into
     * {@code type().bytesFor(count)} bytes of {@code dst} from {@code dstOffset}.
     */
    void quantize(float[] src, int offset, int count, MemorySegment dst, long dstOffset);

    /**
     * Quantizes a {@code rows × cols} row-major matrix into {@code dst} from {@code dstOffset}, rows in
     * parallel; the K-quant searches run at about ten million values per second per core, so this matters
     * on whole models. {@code dst} must be accessible from the pool's threads.
     */
    default void quantizeRows(float[] src, int rows, int cols, MemorySegment dst, long dstOffset, ComputePool pool) {
        if (src.length < (long) rows * cols) {
            throw new IllegalArgumentException("src has " + src.length + " values, " + rows + "x" + cols + " needed");
        }
        long rowBytes = type().bytesFor(cols);
        pool.forEachRange(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                quantize(src, r * cols, cols, dst, dstOffset + r * rowBytes);
            }
        });
    }

    /**
     * The quantizer writing {@code type}.
     *
     * @throws UnsupportedTensorTypeException for types the engine cannot write
     */
    static Quantizer forType(GGMLType type) {
        return switch (type) {
            case F32, F16, BF16 -> new FloatQuantizer(type);
            case Q8_0 -> new Q8_0Quantizer();
            case Q4_0 -> new Q4_0Quantizer();
            case Q4_K -> new Q4_KQuantizer();
            case Q5_K -> new Q5_KQuantizer();
            case Q6_K -> new Q6_KQuantizer();
            default -> throw new UnsupportedTensorTypeException(type);
        };
    }
}
