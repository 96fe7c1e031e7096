package io.edgellm.engine.train;

import java.util.List;

/** Batches prepared in advance, visited in order and cycled: a small data set, or a test's exact batches. */
public final class FixedBatches extends IndexedBatches {

    private final List<Batch> batches;

    public FixedBatches(List<Batch> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batches: an empty data set gives empty batches");
        }
        this.batches = List.copyOf(batches);
    }

    @Override
    protected Batch batch(long index) {
        return batches.get((int) (index % batches.size()));
    }
}
