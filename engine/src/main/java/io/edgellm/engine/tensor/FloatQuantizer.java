package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;

/** F32 (a copy), F16 and BF16, each rounding to nearest even as ggml does. */
final class FloatQuantizer extends BlockQuantizer {

    FloatQuantizer(GGMLType type) {
        super(type);
        if (type != GGMLType.F32 && type != GGMLType.F16 && type != GGMLType.BF16) {
            throw new IllegalArgumentException(type + " is not a float format");
        }
    }

    @Override
    void quantizeBlocks(float[] src, int offset, int count, MemorySegment dst, long dstOffset) {
        switch (type()) {
            case F32 -> MemorySegment.copy(src, offset, dst, Simd.FLOAT_LE, dstOffset, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    putF16(dst, dstOffset + 2L * i, src[offset + i]);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    dst.set(Simd.SHORT_LE, dstOffset + 2L * i, toBF16(src[offset + i]));
                }
            }
        }
    }

    /** ggml's {@code ggml_compute_fp32_to_bf16}: NaN stays a (quiet) NaN, everything else rounds to nearest even. */
    static short toBF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) ((bits >>> 16) | 64);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
