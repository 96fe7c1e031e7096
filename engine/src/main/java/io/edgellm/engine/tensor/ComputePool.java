package io.edgellm.engine.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Spreads row ranges of matrix work over a fixed number of threads. One pool per model runner
 * (no global singleton), closed with it.
 */
public final class ComputePool implements AutoCloseable {

    /** Work over a half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private final int threads;
    private final ExecutorService executor;

    public ComputePool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "edgellm-compute");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Splits {@code [0, n)} into one contiguous chunk per thread and waits for all of them. */
    public void forEachRange(int n, RangeTask task) {
        int parts = Math.min(threads, n);
        if (parts <= 1) {
            task.run(0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            futures.add(executor.submit((Callable<Void>) () -> {
                task.run(from, to);
                return null;
            }));
        }
        task.run(0, (int) ((long) n / parts));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for compute threads", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** {@code out = W · x} over all rows, in parallel. */
    public void matVec(WeightMatrix w, float[] x, float[] out) {
        forEachRange(w.rows(), (from, to) -> w.matVec(x, out, from, to));
    }

    /** {@code out_i = W · x_i} for {@code n} row-major inputs, in parallel over weight rows. */
    public void matMul(WeightMatrix w, float[] x, int n, float[] out) {
        forEachRange(w.rows(), (from, to) -> w.matMul(x, n, out, from, to));
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
