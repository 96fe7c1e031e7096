package io.edgellm.engine.train;

/**
 * A {@link BatchSource} whose {@code i}-th batch is a function of {@code i} alone, so that its
 * position is all the state it has and seeking costs nothing.
 */
public abstract class IndexedBatches implements BatchSource {

    private long position;

    /** The batch at {@code index}, the same every time it is asked for. */
    protected abstract Batch batch(long index);

    @Override
    public final Batch next() {
        return batch(position++);
    }

    @Override
    public final long position() {
        return position;
    }

    @Override
    public final void seek(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position cannot be negative, got " + position);
        }
        this.position = position;
    }
}
