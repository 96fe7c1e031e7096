package io.edgellm.engine.model;

import io.edgellm.engine.tensor.GGMLType;

/**
 * How llama.cpp's CPU backend (ggml-cpu, x86) rounds the operands of its products, for the float64
 * {@link ReferenceModel}: it converts the activations to the weight type's {@code vec_dot_type}
 * before multiplying (F16 and BF16 weights meet F16 and BF16 activations; Q8_0 and Q4_0 weights meet
 * activations quantized to Q8_0, K-quants activations quantized to Q8_K), and attention runs on its
 * F16 KV cache (queries and attention weights are converted to F16 to meet it). EdgeLLM multiplies
 * float32 activations by the dequantized weights instead, so these roundings are the expected
 * difference between the two engines. Written from ggml-cpu's {@code type_traits_cpu},
 * {@code quantize_row_q8_0} (x86) and {@code quantize_row_q8_K_ref}.
 */
final class LlamaCppPrecision implements ReferenceModel.Precision {

    private static final int Q8_0_BLOCK = 32;
    private static final int Q8_K_BLOCK = 256;

    @Override
    public double[] matMulInput(double[] x, GGMLType weightType) {
        return switch (weightType) {
            case F32 -> map(x, v -> v);
            case F16 -> map(x, LlamaCppPrecision::f16);
            case BF16 -> map(x, LlamaCppPrecision::bf16);
            case Q8_0, Q4_0 -> q8_0(x);
            case Q4_K, Q5_K, Q6_K -> q8_K(x);
            default -> throw new IllegalArgumentException("no llama.cpp rounding written for " + weightType);
        };
    }

    @Override
    public double[] attentionOperand(double[] x) {
        return map(x, LlamaCppPrecision::f16);
    }

    private interface FloatOp {
        float apply(float v);
    }

    private static double[] map(double[] x, FloatOp op) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = op.apply((float) x[i]);
        }
        return out;
    }

    private static float f16(float v) {
        return Float.float16ToFloat(Float.floatToFloat16(v));
    }

    /** ggml_compute_fp32_to_bf16: round to nearest even (no NaNs arise here). */
    private static float bf16(float v) {
        int u = Float.floatToRawIntBits(v);
        return Float.intBitsToFloat(((u + (0x7FFF + ((u >>> 16) & 1))) >>> 16) << 16);
    }

    /** Blocks of 32: d = amax / 127 stored as F16, q = round-half-even(x · 127 / amax). */
    private static double[] q8_0(double[] x) {
        double[] out = new double[x.length];
        for (int b = 0; b < x.length; b += Q8_0_BLOCK) {
            float amax = 0;
            for (int i = b; i < b + Q8_0_BLOCK; i++) {
                amax = Math.max(amax, Math.abs((float) x[i]));
            }
            float d = f16(amax / 127f);
            float id = amax != 0 ? 127f / amax : 0;
            for (int i = b; i < b + Q8_0_BLOCK; i++) {
                out[i] = Math.rint((float) x[i] * id) * d;
            }
        }
        return out;
    }

    /** Blocks of 256 with a float32 scale: the value of largest magnitude maps to −127. */
    private static double[] q8_K(double[] x) {
        double[] out = new double[x.length];
        for (int b = 0; b < x.length; b += Q8_K_BLOCK) {
            float max = 0;
            float amax = 0;
            for (int i = b; i < b + Q8_K_BLOCK; i++) {
                float ax = Math.abs((float) x[i]);
                if (ax > amax) {
                    amax = ax;
                    max = (float) x[i];
                }
            }
            if (amax == 0) {
                continue;
            }
            float iscale = -127f / max;
            float d = 1 / iscale;
            for (int i = b; i < b + Q8_K_BLOCK; i++) {
                out[i] = Math.min(127, Math.rint(iscale * (float) x[i])) * d;
            }
        }
        return out;
    }
}
