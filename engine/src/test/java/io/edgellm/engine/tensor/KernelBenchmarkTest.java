package io.edgellm.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's logic on tiny sizes; its figures are only meaningful from {@code main} on real sizes. */
class KernelBenchmarkTest {

    @Test
    void measuresEveryTypeAndShape() {
        KernelBenchmark.Config config = new KernelBenchmark.Config(2, KernelBenchmark.TYPES,
                List.of(new int[] {32, 512}, new int[] {18, 256}), 5, 4L << 20, 256L << 10, 0, 2);
        KernelBenchmark.Report report = KernelBenchmark.run(config);
        assertEquals(2 * KernelBenchmark.TYPES.size(), report.results().size());
        for (KernelBenchmark.Result r : report.results()) {
            assertTrue(r.decodeGBps() > 0 && r.bandwidthGBps() > 0 && r.rooflineRatio() > 0 && r.prefillGflops() > 0,
                    r.toString());
        }
        assertTrue(report.lowestBandwidthGBps() <= report.highestBandwidthGBps());
        assertTrue(report.callOverheadMicros() > 0);
        String table = report.table();
        assertTrue(table.contains("Q4_K") && table.contains("32x512") && table.contains("18x256"), table);
    }

    @Test
    void rejectsEmptyConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> new KernelBenchmark.Config(2, List.of(),
                List.of(new int[] {32, 512}), 5, 4L << 20, 1L << 20, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new KernelBenchmark.Config(0, KernelBenchmark.TYPES,
                List.of(new int[] {32, 512}), 5, 4L << 20, 1L << 20, 0, 1));
    }
}
