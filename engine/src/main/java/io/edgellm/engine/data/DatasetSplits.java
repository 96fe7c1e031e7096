package io.edgellm.engine.data;

import java.util.List;

/**
 * Train, validation and test sets of a task that share no prompt. Each prompt belongs to one
 * split for good, decided by a hash of its normalised text (80% train, 10% validation, 10%
 * test), so no prompt leaks across splits however many examples are drawn, with any seed.
 */
public record DatasetSplits(List<Example> train, List<Example> validation, List<Example> test) {

    public enum Split {
        TRAIN, VALIDATION, TEST;

        /** The split {@code prompt} belongs to. */
        public static Split of(String prompt) {
            long h = Draw.mix(ExactMatch.normalize(prompt).hashCode() * 0x9E3779B97F4A7C15L);
            int bucket = (int) Long.remainderUnsigned(h, 10);
            return bucket < 8 ? TRAIN : bucket < 9 ? VALIDATION : TEST;
        }
    }

    public DatasetSplits {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /** Splits of the given sizes; each is drawn from its own seeded stream. */
    public static DatasetSplits of(Task task, long seed, int train, int validation, int test) {
        return new DatasetSplits(
                task.distinct(Draw.mix(seed + 1), train, e -> Split.of(e.prompt()) == Split.TRAIN),
                task.distinct(Draw.mix(seed + 2), validation, e -> Split.of(e.prompt()) == Split.VALIDATION),
                task.distinct(Draw.mix(seed + 3), test, e -> Split.of(e.prompt()) == Split.TEST));
    }
}
