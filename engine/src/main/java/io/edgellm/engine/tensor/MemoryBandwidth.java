package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Measures the machine's memory read bandwidth the way a matrix-vector product reads weights: a
 * vectorized streaming read of an off-heap buffer far larger than the caches, on all threads of a
 * {@link ComputePool}. This is the roofline that decode throughput is compared with.
 *
 * <p>An instance owns its buffer, so that a benchmark can alternate probes with the work it measures;
 * {@link #measure(ComputePool, long, int)} is the one-shot form.
 */
public final class MemoryBandwidth implements AutoCloseable {

    private static final long SLICE = 1L << 20;

    private static volatile float sink;

    private final ComputePool pool;
    private final Arena arena;
    private final MemorySegment buffer;
    private final int slices;

    /** Allocates {@code bytes} (rounded down to whole MiB, at least one) and writes every page once. */
    public MemoryBandwidth(ComputePool pool, long bytes) {
        if (bytes < SLICE || bytes / SLICE > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("probe buffer must be between 1 MiB and 2^31 MiB, got " + bytes + " bytes");
        }
        this.pool = pool;
        this.slices = (int) (bytes / SLICE);
        this.arena = Arena.ofShared();
        this.buffer = arena.allocate(slices * SLICE, 4096);
        // Written first so that reads hit real pages rather than the kernel's shared zero page.
        pool.forEachRange(slices, (from, to) -> buffer.asSlice(from * SLICE, (to - from) * SLICE).fill((byte) 1));
    }

    /** Best read bandwidth in GB/s over {@code repetitions} reads of a fresh buffer of {@code bytes}, after one untimed read. */
    public static double measure(ComputePool pool, long bytes, int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("need at least one repetition, got " + repetitions);
        }
        try (MemoryBandwidth probe = new MemoryBandwidth(pool, bytes)) {
            probe.once();
            double best = 0;
            for (int rep = 0; rep < repetitions; rep++) {
                best = Math.max(best, probe.once());
            }
            return best;
        }
    }

    /** One full read of the buffer on all threads, in GB/s (10^9 bytes per second). */
    public double once() {
        long start = System.nanoTime();
        pool.forEachRange(slices, (from, to) -> sink = read(buffer, from * SLICE, to * SLICE));
        return slices * SLICE / ((System.nanoTime() - start) * 1e-9) / 1e9;
    }

    /** Bytes read by {@link #once()}. */
    public long byteSize() {
        return buffer.byteSize();
    }

    @Override
    public void close() {
        arena.close();
    }

    /**
     * Sums the floats of {@code [from, to)} as two streams, one per half, like the matrix kernels read row pairs
     * (one stream per thread measured a few percent lower); independent accumulators so loads set the pace.
     */
    private static float read(MemorySegment buffer, long from, long to) {
        long step = F.vectorByteSize();
        long half = (to - from) / 2;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        for (long at = from; at < from + half; at += 2 * step) {
            a0 = a0.add(FloatVector.fromMemorySegment(F, buffer, at, LE));
            a1 = a1.add(FloatVector.fromMemorySegment(F, buffer, at + step, LE));
            b0 = b0.add(FloatVector.fromMemorySegment(F, buffer, at + half, LE));
            b1 = b1.add(FloatVector.fromMemorySegment(F, buffer, at + half + step, LE));
        }
        return a0.add(a1).add(b0).add(b1).reduceLanes(VectorOperators.ADD);
    }
}
