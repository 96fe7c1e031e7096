package io.edgellm.engine.train;

/**
 * An endless, deterministic stream of micro-batches. The position (batches drawn so far) is all
 * a checkpoint needs to continue the stream exactly where it stopped.
 */
public interface BatchSource {

    Batch next();

    /** Batches drawn so far. */
    long position();

    /** Continues as if {@code position} batches had been drawn. */
    void seek(long position);
}
