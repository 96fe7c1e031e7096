package io.edgellm.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBandwidthTest {

    private static final long MIB = 1L << 20;

    @Test
    void measuresAFinitePositiveBandwidth() {
        try (ComputePool pool = new ComputePool(2)) {
            double gbps = MemoryBandwidth.measure(pool, 16 * MIB, 2);
            assertTrue(gbps > 0.1 && Double.isFinite(gbps), "read bandwidth " + gbps + " GB/s");
        }
    }

    @Test
    void aProbeKeepsItsBufferAcrossMeasurements() {
        try (ComputePool pool = new ComputePool(2); MemoryBandwidth probe = new MemoryBandwidth(pool, 8 * MIB + 123)) {
            assertEquals(8 * MIB, probe.byteSize(), "rounded down to whole MiB");
            assertTrue(probe.once() > 0);
            assertTrue(probe.once() > 0);
        }
    }

    @Test
    void rejectsBadArguments() {
        try (ComputePool pool = new ComputePool(1)) {
            assertThrows(IllegalArgumentException.class, () -> new MemoryBandwidth(pool, MIB - 1));
            assertThrows(IllegalArgumentException.class, () -> MemoryBandwidth.measure(pool, 4 * MIB, 0));
        }
    }
}
