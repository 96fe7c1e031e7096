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
 */
public final class MemoryBandwidth {

    /** 1 GiB: far beyond any L3. */
    public static final long DEFAULT_BYTES = 1L << 30;
    private static final long SLICE = 1L << 20;
    private static final int UNROLL = 4;

    private static volatile float sink;

    private MemoryBandwidth() {
    }

    /**
     * Best read bandwidth in GB/s (10^9 bytes per second) over {@code repetitions} full reads of a buffer of
     * {@code bytes} (rounded down to whole MiB), after one untimed pass.
     */
    public static double measure(ComputePool pool, long bytes, int repetitions) {
        if (bytes < SLICE || repetitions < 1) {
            throw new IllegalArgumentException("need at least 1 MiB and one repetition, got " + bytes + " bytes, "
                    + repetitions + " repetitions");
        }
        long slices = bytes / SLICE;
        if (slices > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(bytes + " bytes is too large a buffer");
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment buffer = arena.allocate(slices * SLICE, 4096);
            // Written first so that reads hit real pages rather than the kernel's shared zero page.
            pool.forEachRange((int) slices, (from, to) -> buffer.asSlice(from * SLICE, (to - from) * SLICE).fill((byte) 1));
            double best = 0;
            for (int rep = -1; rep < repetitions; rep++) {
                long start = System.nanoTime();
                pool.forEachRange((int) slices, (from, to) -> sink = read(buffer, from * SLICE, to * SLICE));
                double seconds = (System.nanoTime() - start) * 1e-9;
                if (rep >= 0) {
                    best = Math.max(best, slices * SLICE / seconds / 1e9);
                }
            }
            return best;
        }
    }

    /** Sums the floats of {@code [from, to)} with independent accumulators so loads, not adds, set the pace. */
    private static float read(MemorySegment buffer, long from, long to) {
        long step = (long) F.vectorByteSize();
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        for (long at = from; at < to; at += UNROLL * step) {
            a0 = a0.add(FloatVector.fromMemorySegment(F, buffer, at, LE));
            a1 = a1.add(FloatVector.fromMemorySegment(F, buffer, at + step, LE));
            a2 = a2.add(FloatVector.fromMemorySegment(F, buffer, at + 2 * step, LE));
            a3 = a3.add(FloatVector.fromMemorySegment(F, buffer, at + 3 * step, LE));
        }
        return a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
    }
}
