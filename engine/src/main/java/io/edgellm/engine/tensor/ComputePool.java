package io.edgellm.engine.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Spreads row ranges of matrix work over a fixed number of threads: the caller plus
 * {@code threads - 1} persistent workers. One pool per model runner (no global singleton), closed
 * with it.
 *
 * <p>Decoding a token makes hundreds of short parallel calls, so hand-off latency matters more than
 * anything: workers spin briefly on the next job before parking, and the caller works too. A call is
 * cut into a few chunks per thread that threads claim as they go, so a thread slowed down by another
 * process on the machine does not hold the others back.
 *
 * <p>Calls made while another call on the same pool is in progress (from a task, or from another
 * thread) run on the calling thread alone rather than wait.
 */
public final class ComputePool implements AutoCloseable {

    /** Work over a half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private static final int CHUNKS_PER_THREAD = 4;
    /** How long idle threads spin before parking: longer than the gaps between a token's matrix products. */
    private static final long SPIN_NANOS = 100_000;

    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Job current;
    private volatile boolean closed;
    private long generation;

    public ComputePool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("edgellm-compute-" + (i + 1));
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} over {@code [0, n)} in chunks on all threads and waits for all of them. */
    public void forEachRange(int n, RangeTask task) {
        forEachRange(n, 1, task);
    }

    /**
     * Like {@link #forEachRange(int, RangeTask)} with chunk bounds at multiples of {@code grain} (except
     * {@code n}), for tasks that work in tiles of rows. The first exception thrown by any chunk is rethrown
     * here once every chunk has finished or been skipped.
     */
    public void forEachRange(int n, int grain, RangeTask task) {
        if (n < 0 || grain < 1) {
            throw new IllegalArgumentException("need n >= 0 and grain >= 1, got n = " + n + ", grain = " + grain);
        }
        if (closed) {
            throw new IllegalStateException("compute pool is closed");
        }
        int units = (int) ((n + (long) grain - 1) / grain);
        int chunks = Math.min(units, threads * CHUNKS_PER_THREAD);
        if (chunks <= 1 || !busy.compareAndSet(false, true)) {
            if (n > 0) {
                task.run(0, n);
            }
            return;
        }
        try {
            Job job = new Job(++generation, task, n, grain, units, chunks);
            current = job;
            for (Worker w : workers) {
                w.wake();
            }
            job.work();
            job.await();
            current = null;
            job.rethrow();
        } finally {
            busy.set(false);
        }
    }

    /**
     * The row grain of batched products: weight rows go to the tiled kernel {@value} at a time, so ranges
     * split on multiples of it leave no partly filled tiles.
     */
    public static final int BATCH_ROW_GRAIN = TiledMatMul.TILE_ROWS;

    /** {@code out = W · x} over all rows, in parallel. */
    public void matVec(WeightMatrix w, float[] x, float[] out) {
        forEachRange(w.rows(), (from, to) -> w.matVec(x, out, from, to));
    }

    /** Packs {@code n} row-major vectors of {@code cols} values for {@link #matMul(WeightMatrix, PackedBatch, float[])}, in parallel. */
    public PackedBatch pack(float[] x, int n, int cols) {
        PackedBatch packed = PackedBatch.allocate(x, n, cols);
        forEachRange(cols, Simd.LANES, (from, to) -> packed.packColumns(x, from, to));
        return packed;
    }

    /** {@code out_i = W · x_i} for {@code n} row-major inputs, in parallel over weight rows. */
    public void matMul(WeightMatrix w, float[] x, int n, float[] out) {
        matMul(w, pack(x, n, w.cols()), out);
    }

    /** {@code out_i = W · x_i} for packed inputs, in parallel over weight rows. */
    public void matMul(WeightMatrix w, PackedBatch x, float[] out) {
        forEachRange(w.rows(), BATCH_ROW_GRAIN, (from, to) -> w.matMul(x, out, from, to));
    }

    /** Stops the workers and waits for them to exit; later calls fail. */
    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
        boolean interrupted = false;
        for (Worker w : workers) {
            while (w.thread.isAlive()) {
                try {
                    w.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One parallel call: chunks are claimed from a counter by whichever thread is free. */
    private static final class Job {
        final long generation;
        private final RangeTask task;
        private final int n;
        private final int grain;
        private final int units;
        private final int chunks;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile Thread waiter;

        Job(long generation, RangeTask task, int n, int grain, int units, int chunks) {
            this.generation = generation;
            this.task = task;
            this.n = n;
            this.grain = grain;
            this.units = units;
            this.chunks = chunks;
        }

        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                if (failure.get() == null) {
                    try {
                        task.run(bound(c), bound(c + 1));
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }
                if (done.incrementAndGet() == chunks) {
                    Thread w = waiter;
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                }
            }
        }

        private int bound(int chunk) {
            return (int) Math.min(n, (long) units * chunk / chunks * grain);
        }

        void await() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (done.get() < chunks) {
                if (System.nanoTime() > deadline) {
                    waiter = Thread.currentThread();
                    while (done.get() < chunks) {
                        LockSupport.park(this);
                    }
                    return;
                }
                Thread.onSpinWait();
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("compute task failed", t);
            }
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        private volatile boolean parked;
        private long seen;

        Worker(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        void wake() {
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (!closed) {
                Job job = awaitJob();
                if (job != null) {
                    seen = job.generation;
                    job.work();
                }
            }
        }

        /** The next unseen job, or null once the pool closes. Spins first, then parks until woken. */
        private Job awaitJob() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (!closed) {
                Job job = current;
                if (job != null && job.generation != seen) {
                    return job;
                }
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                // Re-check after publishing 'parked': a caller that set 'current' before seeing it will not unpark us.
                job = current;
                if ((job == null || job.generation == seen) && !closed) {
                    LockSupport.park(this);
                }
                parked = false;
                deadline = System.nanoTime() + SPIN_NANOS;
            }
            return null;
        }
    }
}
