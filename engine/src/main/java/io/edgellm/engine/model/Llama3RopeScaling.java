package io.edgellm.engine.model;

/**
 * Llama 3.1's RoPE frequency scaling (Hugging Face {@code rope_scaling.rope_type = "llama3"}).
 * GGUF files carry its result, not these parameters: llama.cpp's converter writes one divisor per
 * rotated pair as the tensor {@code rope_freqs.weight}, which the engine applies; this record
 * computes those divisors the same way, for synthetic models.
 */
public record Llama3RopeScaling(float factor, float lowFreqFactor, float highFreqFactor, int originalContextLength) {

    /** Llama 3.1 8B/70B/405B. */
    public static final Llama3RopeScaling LLAMA_3_1 = new Llama3RopeScaling(8f, 1f, 4f, 8192);
    /** Llama 3.2 1B/3B. */
    public static final Llama3RopeScaling LLAMA_3_2 = new Llama3RopeScaling(32f, 1f, 4f, 8192);

    public Llama3RopeScaling {
        if (!(factor >= 1) || !(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor) || originalContextLength <= 0) {
            throw new IllegalArgumentException("invalid llama3 RoPE scaling: factor " + factor + ", low " + lowFreqFactor
                    + ", high " + highFreqFactor + ", original context " + originalContextLength);
        }
    }

    /**
     * The divisor of each of the {@code dims / 2} base frequencies {@code base^(-2i/dims)}: 1 for
     * wavelengths shorter than {@code originalContextLength / highFreqFactor}, {@code factor} for
     * those longer than {@code originalContextLength / lowFreqFactor}, and a smooth blend between.
     */
    public float[] frequencyFactors(int dims, float base) {
        double lowFreqWavelength = originalContextLength / lowFreqFactor;
        double highFreqWavelength = originalContextLength / highFreqFactor;
        float[] factors = new float[dims / 2];
        for (int i = 0; i < factors.length; i++) {
            double wavelength = 2 * Math.PI * Math.pow(base, 2.0 * i / dims);
            if (wavelength < highFreqWavelength) {
                factors[i] = 1f;
            } else if (wavelength > lowFreqWavelength) {
                factors[i] = factor;
            } else {
                double smooth = (originalContextLength / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                factors[i] = (float) (1 / ((1 - smooth) / factor + smooth));
            }
        }
        return factors;
    }
}
