package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** Argument checks shared by all quantizers; subclasses convert whole blocks. */
abstract class BlockQuantizer implements Quantizer {

    private final GGMLType type;

    BlockQuantizer(GGMLType type) {
        this.type = type;
    }

    @Override
    public final GGMLType type() {
        return type;
    }

    @Override
    public final void quantize(float[] src, int offset, int count, MemorySegment dst, long dstOffset) {
        Objects.checkFromIndexSize(offset, count, src.length);
        long bytes = type.bytesFor(count);
        Objects.checkFromIndexSize(dstOffset, bytes, dst.byteSize());
        quantizeBlocks(src, offset, count / type.blockSize(), dst, dstOffset);
    }

    /** Writes {@code blocks} blocks; arguments are checked. */
    abstract void quantizeBlocks(float[] src, int offset, int blocks, MemorySegment dst, long dstOffset);

    /** ggml's {@code GGML_FP32_TO_FP16} rounds to nearest even, like {@link Float#floatToFloat16}. */
    static void putF16(MemorySegment dst, long offset, float value) {
        dst.set(Simd.SHORT_LE, offset, Float.floatToFloat16(value));
    }
}
