package io.edgellm.engine.train.ops;

/**
 * Inverted dropout: each value is kept with probability {@code 1 − p} and scaled by
 * {@code 1 / (1 − p)}, or zeroed. Whether element {@code i} is kept is a hash of {@code (seed, i)},
 * so the mask needs no storage: the backward pass recomputes it from the same seed, and a run
 * replays exactly from a checkpoint that knows the step.
 */
public final class Dropout {

    private Dropout() {
    }

    /** {@code out = x ⊙ mask / (1 − p)} over {@code size} values; {@code out} may be {@code x}. */
    public static void forward(float[] out, float[] x, int size, float p, long seed) {
        apply(out, x, size, p, seed);
    }

    /** {@code dx = dy ⊙ mask / (1 − p)}, the mask of the forward pass with the same seed; {@code dx} may be {@code dy}. */
    public static void backward(float[] dx, float[] dy, int size, float p, long seed) {
        apply(dx, dy, size, p, seed);
    }

    private static void apply(float[] out, float[] in, int size, float p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        float keep = 1f / (1f - p);
        for (int i = 0; i < size; i++) {
            out[i] = kept(seed, i, p) ? in[i] * keep : 0f;
        }
    }

    /** Whether element {@code i} survives: the top 24 bits of a SplitMix64 hash as a uniform draw in [0, 1). */
    static boolean kept(long seed, int i, float p) {
        return (Rng.mix(seed + (i + 1L) * Rng.GOLDEN_GAMMA) >>> 40) * 0x1.0p-24f >= p;
    }
}
