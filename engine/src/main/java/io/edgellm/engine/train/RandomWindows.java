package io.edgellm.engine.train;

import io.edgellm.engine.train.ops.Rng;
import java.util.Arrays;

/**
 * Language-modelling batches from a token corpus: each sequence is a window of {@code length + 1}
 * consecutive tokens at a random start, inputs its first {@code length}, targets its last. Batch
 * {@code i} depends only on the seed and {@code i}, so seeking is free.
 */
public final class RandomWindows extends IndexedBatches {

    private final int[] corpus;
    private final int sequences;
    private final int length;
    private final long seed;

    public RandomWindows(int[] corpus, int sequences, int length, long seed) {
        if (sequences < 1 || length < 1) {
            throw new IllegalArgumentException("empty batch: " + sequences + " sequences of " + length + " tokens");
        }
        if (corpus.length < length + 1) {
            throw new IllegalArgumentException("a corpus of " + corpus.length + " tokens is shorter than one window of "
                    + (length + 1));
        }
        this.corpus = corpus;
        this.sequences = sequences;
        this.length = length;
        this.seed = seed;
    }

    @Override
    protected Batch batch(long index) {
        Rng rng = Rng.of(seed, index);
        int[][] windows = new int[sequences][];
        int starts = corpus.length - length;
        for (int s = 0; s < sequences; s++) {
            int start = rng.nextInt(starts);
            windows[s] = Arrays.copyOfRange(corpus, start, start + length + 1);
        }
        return Batch.nextTokens(windows);
    }
}
