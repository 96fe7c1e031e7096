package io.edgellm.engine.train;

import io.edgellm.engine.train.ops.Rng;
import java.util.Arrays;
import java.util.List;

/**
 * Supervised fine-tuning batches from prompt/completion pairs: each sequence is one example, the
 * prompt followed by the completion, trained to produce the completion only (the prompt's
 * positions are {@link Batch#IGNORE}d), cut to {@code length} positions and padded with
 * {@code padToken} (ignored too). Examples are visited in a fresh seeded order every epoch.
 */
public final class ExampleBatches extends IndexedBatches {

    /** A prompt and the completion the model should learn to produce after it. */
    public record TokenizedExample(int[] prompt, int[] completion) {

        public TokenizedExample {
            if (completion.length == 0) {
                throw new IllegalArgumentException("an example needs at least one completion token");
            }
        }
    }

    private final List<TokenizedExample> examples;
    private final int sequences;
    private final int length;
    private final int padToken;
    private final long seed;
    private long orderEpoch = -1;
    private int[] order;

    public ExampleBatches(List<TokenizedExample> examples, int sequences, int length, int padToken, long seed) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples: an empty data set gives empty batches");
        }
        if (sequences < 1 || length < 1) {
            throw new IllegalArgumentException("empty batch: " + sequences + " sequences of " + length + " tokens");
        }
        this.examples = List.copyOf(examples);
        this.sequences = sequences;
        this.length = length;
        this.padToken = padToken;
        this.seed = seed;
    }

    @Override
    protected Batch batch(long batchIndex) {
        int[] tokens = new int[sequences * length];
        int[] targets = new int[sequences * length];
        Arrays.fill(tokens, padToken);
        Arrays.fill(targets, Batch.IGNORE);
        for (int s = 0; s < sequences; s++) {
            long index = batchIndex * sequences + s;
            TokenizedExample e = examples.get(order(index / examples.size())[(int) (index % examples.size())]);
            int total = e.prompt().length + e.completion().length;
            for (int t = 0; t < Math.min(length, total - 1); t++) {
                tokens[s * length + t] = token(e, t);
                if (t + 1 >= e.prompt().length) {
                    targets[s * length + t] = token(e, t + 1);
                }
            }
        }
        return new Batch(sequences, length, tokens, targets);
    }

    private static int token(TokenizedExample e, int i) {
        return i < e.prompt().length ? e.prompt()[i] : e.completion()[i - e.prompt().length];
    }

    /** A Fisher-Yates shuffle of the examples for {@code epoch}, seeded by the epoch. */
    private int[] order(long epoch) {
        if (epoch != orderEpoch) {
            order = new int[examples.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Rng rng = Rng.of(seed, epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            orderEpoch = epoch;
        }
        return order;
    }
}
