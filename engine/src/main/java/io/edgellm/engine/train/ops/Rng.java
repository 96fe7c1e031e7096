package io.edgellm.engine.train.ops;

/**
 * SplitMix64, a small generator whose whole state is one {@code long}: what a checkpoint stores to
 * resume a run exactly. {@link #mix} is also the counter-based hash behind dropout masks and
 * data sampling, where a value is a function of a seed and an index rather than of a sequence.
 */
public final class Rng {

    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The generator for stream {@code stream} of {@code seed}: independent streams for tensors, batches, steps. */
    public static Rng of(long seed, long stream) {
        return new Rng(mix(seed ^ mix(stream + GOLDEN_GAMMA)));
    }

    public long state() {
        return state;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Uniform in {@code [0, 1)}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal, by the Box-Muller transform. */
    public double nextGaussian() {
        double u = 1 - nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * nextDouble());
    }

    /** SplitMix64's finaliser (Stafford's mix 13): a bijection that scrambles every input bit into every output bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
