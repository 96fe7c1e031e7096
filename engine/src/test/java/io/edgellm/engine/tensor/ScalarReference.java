package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Plain scalar dequantizers written from ggml's block layouts (ggml-common.h) and its
 * {@code dequantize_row_*} functions, one value at a time, and a float64 dot product. The kernels are
 * checked against these; they are meant to be obviously right, not fast.
 */
final class ScalarReference {

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ScalarReference() {
    }

    /** {@code count} values stored as {@code type} from {@code offset}. */
    static float[] dequantize(GGMLType type, MemorySegment data, long offset, int count) {
        float[] out = new float[count];
        int blocks = count / type.blockSize();
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * type.blockBytes();
            int o = b * type.blockSize();
            switch (type) {
                case F32 -> out[o] = data.get(FLOAT, at);
                case F16 -> out[o] = f16(data, at);
                case BF16 -> out[o] = Float.intBitsToFloat((data.get(SHORT, at) & 0xFFFF) << 16);
                case Q8_0 -> q8_0(data, at, out, o);
                case Q4_0 -> q4_0(data, at, out, o);
                case Q4_K -> q4_K(data, at, out, o);
                case Q5_K -> q5_K(data, at, out, o);
                case Q6_K -> q6_K(data, at, out, o);
                default -> throw new IllegalArgumentException("no reference for " + type);
            }
        }
        return out;
    }

    /** Row {@code row} of a {@code rows × cols} matrix stored as {@code type}. */
    static float[] row(GGMLType type, MemorySegment data, int cols, int row) {
        return dequantize(type, data, row * type.bytesFor(cols), cols);
    }

    static double dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    /** Σ|a·b| in float64: the scale of a dot product's rounding error. */
    static double absDot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs((double) a[aOffset + i] * b[bOffset + i]);
        }
        return sum;
    }

    private static float f16(MemorySegment data, long at) {
        return Float.float16ToFloat(data.get(SHORT, at));
    }

    private static int u8(MemorySegment data, long at) {
        return data.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    private static int s8(MemorySegment data, long at) {
        return data.get(ValueLayout.JAVA_BYTE, at);
    }

    /** {@code { ggml_half d; int8_t qs[32]; }} */
    private static void q8_0(MemorySegment data, long at, float[] out, int o) {
        float d = f16(data, at);
        for (int j = 0; j < 32; j++) {
            out[o + j] = s8(data, at + 2 + j) * d;
        }
    }

    /** {@code { ggml_half d; uint8_t qs[16]; }}: low nibbles are values 0..15, high nibbles 16..31. */
    private static void q4_0(MemorySegment data, long at, float[] out, int o) {
        float d = f16(data, at);
        for (int j = 0; j < 16; j++) {
            int q = u8(data, at + 2 + j);
            out[o + j] = ((q & 0x0F) - 8) * d;
            out[o + j + 16] = ((q >> 4) - 8) * d;
        }
    }

    /** ggml's get_scale_min_k4 on the 12 scale bytes at {@code at}: {scale, min} of sub-block j. */
    private static int[] scaleMin(MemorySegment data, long at, int j) {
        if (j < 4) {
            return new int[] {u8(data, at + j) & 63, u8(data, at + j + 4) & 63};
        }
        int scale = (u8(data, at + j + 4) & 0xF) | ((u8(data, at + j - 4) >> 6) << 4);
        int min = (u8(data, at + j + 4) >> 4) | ((u8(data, at + j) >> 6) << 4);
        return new int[] {scale, min};
    }

    /** {@code { ggml_half d, dmin; uint8_t scales[12]; uint8_t qs[128]; }} */
    private static void q4_K(MemorySegment data, long at, float[] out, int o) {
        float d = f16(data, at);
        float min = f16(data, at + 2);
        long qs = at + 16;
        for (int c = 0; c < 4; c++) {
            int[] sm1 = scaleMin(data, at + 4, 2 * c);
            int[] sm2 = scaleMin(data, at + 4, 2 * c + 1);
            float d1 = d * sm1[0];
            float m1 = min * sm1[1];
            float d2 = d * sm2[0];
            float m2 = min * sm2[1];
            for (int l = 0; l < 32; l++) {
                int q = u8(data, qs + 32 * c + l);
                out[o + 64 * c + l] = d1 * (q & 0xF) - m1;
                out[o + 64 * c + 32 + l] = d2 * (q >> 4) - m2;
            }
        }
    }

    /** {@code { ggml_half d, dmin; uint8_t scales[12]; uint8_t qh[32]; uint8_t qs[128]; }} */
    private static void q5_K(MemorySegment data, long at, float[] out, int o) {
        float d = f16(data, at);
        float min = f16(data, at + 2);
        long qh = at + 16;
        long qs = at + 48;
        for (int c = 0; c < 4; c++) {
            int[] sm1 = scaleMin(data, at + 4, 2 * c);
            int[] sm2 = scaleMin(data, at + 4, 2 * c + 1);
            float d1 = d * sm1[0];
            float m1 = min * sm1[1];
            float d2 = d * sm2[0];
            float m2 = min * sm2[1];
            int u1 = 1 << (2 * c);
            int u2 = 2 << (2 * c);
            for (int l = 0; l < 32; l++) {
                int q = u8(data, qs + 32 * c + l);
                int h = u8(data, qh + l);
                out[o + 64 * c + l] = d1 * ((q & 0xF) + ((h & u1) != 0 ? 16 : 0)) - m1;
                out[o + 64 * c + 32 + l] = d2 * ((q >> 4) + ((h & u2) != 0 ? 16 : 0)) - m2;
            }
        }
    }

    /** {@code { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16]; ggml_half d; }} */
    private static void q6_K(MemorySegment data, long at, float[] out, int o) {
        float d = f16(data, at + 208);
        for (int half = 0; half < 2; half++) {
            long ql = at + 64 * half;
            long qh = at + 128 + 32 * half;
            long sc = at + 192 + 8 * half;
            int y = o + 128 * half;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int h = u8(data, qh + l);
                int q1 = ((u8(data, ql + l) & 0xF) | ((h & 3) << 4)) - 32;
                int q2 = ((u8(data, ql + l + 32) & 0xF) | (((h >> 2) & 3) << 4)) - 32;
                int q3 = ((u8(data, ql + l) >> 4) | (((h >> 4) & 3) << 4)) - 32;
                int q4 = ((u8(data, ql + l + 32) >> 4) | (((h >> 6) & 3) << 4)) - 32;
                out[y + l] = d * s8(data, sc + is) * q1;
                out[y + l + 32] = d * s8(data, sc + is + 2) * q2;
                out[y + l + 64] = d * s8(data, sc + is + 4) * q3;
                out[y + l + 96] = d * s8(data, sc + is + 6) * q4;
            }
        }
    }
}
