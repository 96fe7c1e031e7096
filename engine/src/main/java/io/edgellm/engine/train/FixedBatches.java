package io.edgellm.engine.train;

import java.util.List;

/** Batches prepared in advance, visited in order and cycled: a small data set, or a test's exact batches. */
public final class FixedBatches implements BatchSource {

    private final List<Batch> batches;
    private long position;

    public FixedBatches(List<Batch> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batches: an empty data set gives empty batches");
        }
        this.batches = List.copyOf(batches);
    }

    @Override
    public Batch next() {
        return batches.get((int) (position++ % batches.size()));
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position cannot be negative, got " + position);
        }
        this.position = position;
    }
}
