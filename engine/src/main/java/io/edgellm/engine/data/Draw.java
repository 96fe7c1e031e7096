package io.edgellm.engine.data;

import java.util.List;
import java.util.Random;

/**
 * Seeded random choices used by every generator. {@link Random} is used because its
 * algorithm is fixed by its specification, so a seed gives the same data on every JDK.
 */
final class Draw {

    private Draw() {
    }

    /** A generator for item {@code index} of a stream seeded with {@code seed}, independent of the other items. */
    static Random forItem(long seed, long index) {
        return new Random(mix(seed ^ mix(index + 0x9E3779B97F4A7C15L)));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @SafeVarargs
    static <T> T one(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    static <T> T one(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    /** A uniform integer in [lo, hi]. */
    static int between(Random r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    static boolean chance(Random r, double probability) {
        return r.nextDouble() < probability;
    }
}
