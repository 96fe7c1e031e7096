package io.edgellm.engine.train;

import io.edgellm.engine.train.ops.CrossEntropy;

/**
 * A micro-batch of {@code sequences} sequences of {@code length} tokens, row-major, with the
 * target of every position: the next token for language modelling, or {@link #IGNORE} for
 * positions left out of the loss (a prompt the model should not be trained to produce, padding).
 *
 * @param tokens  {@code sequences × length} input token ids
 * @param targets {@code sequences × length} target token ids or {@link #IGNORE}
 */
public record Batch(int sequences, int length, int[] tokens, int[] targets) {

    /** The target of positions without a loss. */
    public static final int IGNORE = CrossEntropy.IGNORE;

    public Batch {
        if (sequences < 1 || length < 1) {
            throw new IllegalArgumentException("empty batch: " + sequences + " sequences of " + length
                    + " tokens; at least one token is needed");
        }
        long size = (long) sequences * length;
        if (tokens.length != size || targets.length != size) {
            throw new IllegalArgumentException(sequences + " sequences of " + length + " tokens need " + size
                    + " tokens and targets, got " + tokens.length + " and " + targets.length);
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 && targets[i] != IGNORE) {
                throw new IllegalArgumentException("target " + targets[i] + " at position " + i
                        + " is negative but not the ignore label " + IGNORE);
            }
        }
    }

    /**
     * Next-token prediction on windows of {@code length + 1} tokens each: the inputs are a window's
     * first {@code length} tokens, the targets its last {@code length}.
     */
    public static Batch nextTokens(int[][] windows) {
        if (windows.length == 0 || windows[0].length < 2) {
            throw new IllegalArgumentException("empty batch: need at least one window of at least two tokens");
        }
        int length = windows[0].length - 1;
        int[] tokens = new int[windows.length * length];
        int[] targets = new int[windows.length * length];
        for (int s = 0; s < windows.length; s++) {
            if (windows[s].length != length + 1) {
                throw new IllegalArgumentException("window " + s + " has " + windows[s].length + " tokens, the first has "
                        + (length + 1));
            }
            System.arraycopy(windows[s], 0, tokens, s * length, length);
            System.arraycopy(windows[s], 1, targets, s * length, length);
        }
        return new Batch(windows.length, length, tokens, targets);
    }

    public int rows() {
        return sequences * length;
    }

    /** Positions that count in the loss. */
    public int targetCount() {
        int n = 0;
        for (int t : targets) {
            if (t != IGNORE) {
                n++;
            }
        }
        return n;
    }
}
