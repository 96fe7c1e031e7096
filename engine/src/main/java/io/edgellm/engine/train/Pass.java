package io.edgellm.engine.train;

import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.MatMul;
import io.edgellm.engine.train.ops.Rng;

/**
 * One forward (and backward) pass over a batch: the kernels, whether it trains (dropout on), the
 * seed its dropout masks derive from, and the floating-point operations of the matrix products
 * and attention it ran, counted as they run.
 */
final class Pass {

    final ComputePool pool;
    final MatMul mm;
    final Scratch scratch;
    final boolean training;
    private final long seed;
    private long flops;

    Pass(ComputePool pool, MatMul mm, Scratch scratch, boolean training, long seed) {
        this.pool = pool;
        this.mm = mm;
        this.scratch = scratch;
        this.training = training;
        this.seed = seed;
    }

    /** The dropout seed of one projection of one block in this pass. */
    long dropoutSeed(String tensorName) {
        return Rng.mix(seed ^ tensorName.hashCode() * Rng.GOLDEN_GAMMA);
    }

    void count(long operations) {
        flops += operations;
    }

    long flops() {
        return flops;
    }
}
