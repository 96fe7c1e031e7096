package io.edgellm.engine.train.ops;

import io.edgellm.engine.tensor.ComputePool;

/** One two-thread pool shared by the training tests; its threads are daemons, so it is never closed. */
public final class TestPool {

    public static final ComputePool POOL = new ComputePool(2);

    private TestPool() {
    }
}
