package io.edgellm.engine.train.ops;

import io.edgellm.engine.tensor.ComputePool;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax cross-entropy of each row's logits against a target token, with label smoothing
 * {@code ε}: the target distribution is {@code q = (1 − ε)·onehot(y) + ε / V}, so
 * <pre>
 *   loss = −Σ_v q_v · log p_v = logsumexp(z) − (1 − ε)·z_y − (ε / V)·Σ_v z_v
 *   dz_v = p_v − q_v
 * </pre>
 * Rows whose target is {@link #IGNORE} (prompt tokens, padding, virtual tokens) have no loss and
 * no gradient. The forward pass overwrites the logits with the probabilities, which is all the
 * backward pass needs; the backward pass overwrites them with the gradient.
 */
public final class CrossEntropy {

    /** The target of positions left out of the loss, as PyTorch's {@code ignore_index = -100} but negative by convention. */
    public static final int IGNORE = -1;

    private static final VectorSpecies<Float> F = MatMul.F;

    private CrossEntropy() {
    }

    /**
     * Writes each row's loss to {@code losses} (0 for ignored rows) and replaces its logits by
     * probabilities.
     *
     * @return the sum of the losses, added in row order in double precision
     */
    public static double forward(ComputePool pool, float[] losses, float[] logits, int[] targets, int n, int vocab,
                                 float smoothing) {
        pool.forEachRange(n, (from, to) -> {
            for (int r = from; r < to; r++) {
                losses[r] = targets[r] == IGNORE ? 0f : row(logits, r * vocab, vocab, targets[r], smoothing);
            }
        });
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += losses[r];
        }
        return sum;
    }

    /** Turns the probabilities left by {@link #forward} into {@code scale · (p − q)}, zero for ignored rows. */
    public static void backward(ComputePool pool, float[] probs, int[] targets, int n, int vocab, float smoothing, float scale) {
        float off = smoothing / vocab;
        pool.forEachRange(n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * vocab;
                if (targets[r] == IGNORE) {
                    Arrays.fill(probs, o, o + vocab, 0f);
                    continue;
                }
                int i = 0;
                for (int upper = F.loopBound(vocab); i < upper; i += F.length()) {
                    FloatVector.fromArray(F, probs, o + i).sub(off).mul(scale).intoArray(probs, o + i);
                }
                for (; i < vocab; i++) {
                    probs[o + i] = (probs[o + i] - off) * scale;
                }
                probs[o + targets[r]] -= (1f - smoothing) * scale;
            }
        });
    }

    private static float row(float[] z, int o, int vocab, int target, float smoothing) {
        if (target < 0 || target >= vocab) {
            throw new IllegalArgumentException("target " + target + " is outside the vocabulary [0, " + vocab + ")");
        }
        float targetLogit = z[o + target];
        FloatVector sumV = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(vocab); i < upper; i += F.length()) {
            sumV = sumV.add(FloatVector.fromArray(F, z, o + i));
        }
        float total = Lanes.sum(sumV);
        for (; i < vocab; i++) {
            total += z[o + i];
        }
        float max = Lanes.max(z, o, vocab);
        float expSum = Lanes.expInPlace(z, o, vocab, max);
        Lanes.scale(z, o, vocab, 1f / expSum);
        double logSumExp = max + Math.log(expSum);
        return (float) (logSumExp - (1 - smoothing) * (double) targetLogit - smoothing * (double) total / vocab);
    }
}
