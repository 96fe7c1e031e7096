package io.edgellm.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ComputePoolTest {

    @Test
    void coversEveryIndexExactlyOnceOnBoundsAlignedToTheGrain() {
        for (int threads = 1; threads <= 4; threads++) {
            try (ComputePool pool = new ComputePool(threads)) {
                assertEquals(threads, pool.threads());
                for (int n : new int[] {0, 1, 2, 5, 17, 100, 1001}) {
                    for (int grain : new int[] {1, 6, 64}) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(n);
                        int g = grain;
                        int size = n;
                        pool.forEachRange(n, grain, (from, to) -> {
                            assertTrue(from < to && from % g == 0 && (to % g == 0 || to == size),
                                    "chunk [" + from + ", " + to + ") of grain " + g);
                            for (int i = from; i < to; i++) {
                                hits.incrementAndGet(i);
                            }
                        });
                        for (int i = 0; i < n; i++) {
                            assertEquals(1, hits.get(i), "index " + i + " of " + n);
                        }
                    }
                }
            }
        }
    }

    @Test
    void usesAllThreadsOverManyCalls() {
        try (ComputePool pool = new ComputePool(3)) {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            AtomicLong sum = new AtomicLong();
            for (int call = 0; call < 5_000; call++) {
                pool.forEachRange(64, (from, to) -> {
                    seen.add(Thread.currentThread());
                    long s = 0;
                    for (int i = from; i < to; i++) {
                        s += i;
                    }
                    sum.addAndGet(s);
                    spin(1_000);
                });
            }
            assertEquals(5_000L * 63 * 64 / 2, sum.get());
            assertEquals(3, seen.size(), "the caller and both workers took chunks");
        }
    }

    @Test
    void rethrowsTheFirstFailureOnceAllChunksAreDoneAndKeepsWorking() {
        try (ComputePool pool = new ComputePool(2)) {
            for (int failing : new int[] {0, 99}) {
                AtomicInteger finished = new AtomicInteger();
                IllegalStateException boom = new IllegalStateException("boom");
                IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.forEachRange(100, (from, to) -> {
                    if (from <= failing && failing < to) {
                        throw boom;
                    }
                    finished.incrementAndGet();
                }));
                assertSame(boom, thrown);
                assertTrue(finished.get() < 8, "chunks after the failure are skipped or already done");
            }
            assertThrows(AssertionError.class, () -> pool.forEachRange(100, (from, to) -> {
                throw new AssertionError("an Error passes through unchanged");
            }));
            AtomicInteger count = new AtomicInteger();
            pool.forEachRange(100, (from, to) -> count.addAndGet(to - from));
            assertEquals(100, count.get());
        }
    }

    @Test
    void chunksAfterAFailureAreSkipped() {
        // One thread takes the chunks in order, so a failure in the first leaves every other one untouched.
        try (ComputePool pool = new ComputePool(1)) {
            AtomicInteger finished = new AtomicInteger();
            assertThrows(IllegalStateException.class, () -> pool.forEachRange(100, (from, to) -> {
                if (from == 0) {
                    throw new IllegalStateException("first chunk");
                }
                finished.incrementAndGet();
            }));
            assertEquals(0, finished.get());
        }
    }

    @Test
    void nestedCallsRunOnTheCallingThread() {
        try (ComputePool pool = new ComputePool(2)) {
            AtomicInteger inner = new AtomicInteger();
            pool.forEachRange(8, (from, to) -> {
                Thread outer = Thread.currentThread();
                pool.forEachRange(10, (a, b) -> {
                    assertSame(outer, Thread.currentThread());
                    inner.addAndGet(b - a);
                });
            });
            assertEquals(80, inner.get());
        }
    }

    @Test
    void closeStopsTheWorkersAndLaterCallsFail() {
        ComputePool pool = new ComputePool(3);
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        for (int call = 0; call < 100 && workers.size() < 2; call++) {
            pool.forEachRange(300, (from, to) -> {
                if (Thread.currentThread().getName().startsWith("edgellm-compute-")) {
                    workers.add(Thread.currentThread());
                }
                spin(50_000);
            });
        }
        assertEquals(2, workers.size(), "both workers took chunks");
        pool.close();
        for (Thread w : workers) {
            assertFalse(w.isAlive(), w.getName() + " still running after close");
        }
        assertThrows(IllegalStateException.class, () -> pool.forEachRange(10, (from, to) -> { }));
        pool.close();
    }

    @Test
    void parkedWorkersWakeUpForTheNextCall() throws InterruptedException {
        try (ComputePool pool = new ComputePool(2)) {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            for (int round = 0; round < 3; round++) {
                Thread.sleep(20);
                for (int call = 0; call < 200; call++) {
                    pool.forEachRange(8, (from, to) -> {
                        seen.add(Thread.currentThread());
                        spin(20_000);
                    });
                }
            }
            assertEquals(2, seen.size());
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new ComputePool(0));
        try (ComputePool pool = new ComputePool(2)) {
            assertThrows(IllegalArgumentException.class, () -> pool.forEachRange(-1, (from, to) -> { }));
            assertThrows(IllegalArgumentException.class, () -> pool.forEachRange(10, 0, (from, to) -> { }));
        }
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
