package io.edgellm.engine.train;

import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.train.ops.AttentionShape;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The forward pass's record for one batch shape: each block's {@link BlockActivations} (blocks
 * below {@code keepFrom} share two, alternately, since no backward pass reaches them), the
 * residual stream after the last block, the final norm, the logits and per-row losses.
 */
final class Activations {

    final AttentionShape shape;
    final BlockActivations[] blocks;
    /** The residual stream after the last block. */
    final float[] last;
    final float[] finalNorm;
    final float[] finalRstd;
    /** Logits, then probabilities, then their gradient. */
    final float[] logits;
    final float[] losses;
    /** Token of each row, negative for virtual tokens. */
    final int[] rowTokens;
    final int[] targets;

    Activations(ModelConfig c, AttentionShape shape, int blockCount, int keepFrom) {
        this.shape = shape;
        int n = shape.rows();
        int dim = c.embeddingLength();
        blocks = new BlockActivations[blockCount];
        BlockActivations[] shared = new BlockActivations[Math.min(2, keepFrom)];
        for (int b = 0; b < blockCount; b++) {
            if (b < keepFrom) {
                if (shared[b % 2] == null) {
                    shared[b % 2] = new BlockActivations(c, shape);
                }
                blocks[b] = shared[b % 2];
            } else {
                blocks[b] = new BlockActivations(c, shape);
            }
        }
        last = new float[n * dim];
        finalNorm = new float[n * dim];
        finalRstd = new float[n];
        logits = new float[n * c.vocabSize()];
        losses = new float[n];
        rowTokens = new int[n];
        targets = new int[n];
    }

    /** The array block {@code b} writes its output to: the next block's input, or {@link #last}. */
    float[] output(int b) {
        return b + 1 < blocks.length ? blocks[b + 1].input : last;
    }

    long bytes() {
        Map<BlockActivations, Boolean> distinct = new IdentityHashMap<>();
        long total = 0;
        for (BlockActivations a : blocks) {
            if (distinct.put(a, Boolean.TRUE) == null) {
                total += a.bytes();
            }
        }
        long floats = (long) last.length + finalNorm.length + finalRstd.length + logits.length + losses.length;
        return total + floats * Float.BYTES + (long) (rowTokens.length + targets.length) * Integer.BYTES;
    }
}
