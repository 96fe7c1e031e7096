package io.edgellm.engine.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Kernel throughput on this machine next to its memory roofline: for each type and shape, matVec on all
 * threads (GB/s of weights read, with enough copies of the matrix that the weights never sit in L3) and
 * its ratio to the read bandwidth, and matMul over a batch (GFLOP/s, packing included). Behind
 * {@code edgellm bench --kernels}; not a unit test.
 *
 * <p>On shared and virtual machines the bandwidth available drifts by a factor of two within minutes,
 * so each decode pass is paired with a bandwidth probe run just before it, and figures are medians over
 * the pairs: the ratio is the median of per-pair ratios, which drift cancels out of.
 */
public final class KernelBenchmark {

    /** The types with kernels, in the order the table lists them. */
    public static final List<GGMLType> TYPES = List.of(GGMLType.Q8_0, GGMLType.Q4_0, GGMLType.Q4_K, GGMLType.Q5_K,
            GGMLType.Q6_K, GGMLType.F16, GGMLType.BF16, GGMLType.F32);

    private static final int OVERHEAD_CALLS = 20_000;
    private static final int PREFILL_RUNS = 3;

    /**
     * What to measure. {@code shapes} are {rows, cols} pairs; {@code workingSetBytes} is how much weight
     * memory one decode pass reads; {@code warmupSeconds} runs first for each type and shape so the JIT is
     * done; {@code rounds} is the number of probe and decode pairs.
     */
    public record Config(int threads, List<GGMLType> types, List<int[]> shapes, int batch, long probeBytes,
            long workingSetBytes, double warmupSeconds, int rounds) {

        public Config {
            types = List.copyOf(types);
            shapes = List.copyOf(shapes);
            if (threads < 1 || batch < 1 || rounds < 1 || warmupSeconds < 0 || shapes.isEmpty() || types.isEmpty()) {
                throw new IllegalArgumentException("benchmark needs threads, batch, rounds, shapes and types");
            }
        }

        /** Llama-1B-like projections (2048×8192 and 8192×2048), a 128-token prefill, 256 MiB per decode pass. */
        public static Config standard(int threads) {
            return new Config(threads, TYPES, List.of(new int[] {2048, 8192}, new int[] {8192, 2048}), 128,
                    512L << 20, 256L << 20, 1.5, 15);
        }

        /** The same with less warm-up and fewer rounds, for a quick look. */
        public static Config quick(int threads) {
            Config s = standard(threads);
            return new Config(threads, s.types, s.shapes, s.batch, 256L << 20, s.workingSetBytes, 0.7, 5);
        }
    }

    /**
     * One type and shape: decode GB/s, the read bandwidth measured alongside, the median ratio of the two,
     * and prefill GFLOP/s (best of a few runs).
     */
    public record Result(GGMLType type, int rows, int cols, double decodeGBps, double bandwidthGBps, double rooflineRatio,
            double prefillGflops) {
    }

    /** Everything measured in one run, with the spread of all bandwidth probes and the cost of an empty parallel call. */
    public record Report(int threads, double lowestBandwidthGBps, double highestBandwidthGBps, double callOverheadMicros,
            List<Result> results) {

        public Report {
            results = List.copyOf(results);
        }

        /** A human-readable table. */
        public String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT,
                    "threads %d, read bandwidth probes %.1f..%.1f GB/s, pool call overhead %.2f us%n",
                    threads, lowestBandwidthGBps, highestBandwidthGBps, callOverheadMicros));
            s.append(String.format(Locale.ROOT, "%-6s %12s %12s %12s %9s %16s%n", "type", "shape", "decode GB/s",
                    "probe GB/s", "roofline", "prefill GFLOP/s"));
            for (Result r : results) {
                s.append(String.format(Locale.ROOT, "%-6s %12s %12.1f %12.1f %9.2f %16.1f%n", r.type(),
                        r.rows() + "x" + r.cols(), r.decodeGBps(), r.bandwidthGBps(), r.rooflineRatio(), r.prefillGflops()));
            }
            return s.toString();
        }
    }

    private KernelBenchmark() {
    }

    public static Report run(Config config) {
        try (ComputePool pool = new ComputePool(config.threads());
                MemoryBandwidth probe = new MemoryBandwidth(pool, config.probeBytes())) {
            double overhead = callOverheadMicros(pool);
            List<Double> probes = new ArrayList<>();
            List<Result> results = new ArrayList<>();
            for (GGMLType type : config.types()) {
                for (int[] shape : config.shapes()) {
                    results.add(measure(pool, probe, config, type, shape[0], shape[1], probes));
                }
            }
            return new Report(config.threads(), probes.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    probes.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), overhead, results);
        }
    }

    /** Average time of an empty parallel call, the fixed cost each matrix product pays. */
    static double callOverheadMicros(ComputePool pool) {
        int[] sink = new int[pool.threads() * 8];
        ComputePool.RangeTask touch = (from, to) -> sink[from]++;
        for (int i = 0; i < OVERHEAD_CALLS; i++) {
            pool.forEachRange(sink.length, touch);
        }
        long start = System.nanoTime();
        for (int i = 0; i < OVERHEAD_CALLS; i++) {
            pool.forEachRange(sink.length, touch);
        }
        return (System.nanoTime() - start) / 1e3 / OVERHEAD_CALLS;
    }

    private static Result measure(ComputePool pool, MemoryBandwidth probe, Config config, GGMLType type, int rows,
            int cols, List<Double> probes) {
        long bytes = type.bytesFor((long) rows * cols);
        int copies = (int) Math.max(2, (config.workingSetBytes() + bytes - 1) / bytes);
        try (Arena arena = Arena.ofShared()) {
            Random rnd = new Random(1);
            WeightMatrix[] matrices = randomCopies(pool, arena, type, rows, cols, copies, rnd);
            float[] x = new float[config.batch() * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
            float[] vecOut = new float[rows];
            Runnable decode = () -> {
                for (WeightMatrix m : matrices) {
                    pool.matVec(m, x, vecOut);
                }
            };
            long warmupEnd = System.nanoTime() + (long) (config.warmupSeconds() * 1e9);
            do {
                decode.run();
                probe.once();
            } while (System.nanoTime() < warmupEnd);
            double[] decoded = new double[config.rounds()];
            double[] probed = new double[config.rounds()];
            double[] ratios = new double[config.rounds()];
            for (int r = 0; r < config.rounds(); r++) {
                probed[r] = probe.once();
                decoded[r] = copies * bytes / seconds(decode) / 1e9;
                ratios[r] = decoded[r] / probed[r];
                probes.add(probed[r]);
            }
            float[] batchOut = new float[config.batch() * rows];
            Runnable prefill = () -> pool.matMul(matrices[0], x, config.batch(), batchOut);
            prefill.run();
            double best = Double.MAX_VALUE;
            for (int r = 0; r < PREFILL_RUNS; r++) {
                best = Math.min(best, seconds(prefill));
            }
            return new Result(type, rows, cols, median(decoded), median(probed), median(ratios),
                    2.0 * rows * cols * config.batch() / best / 1e9);
        }
    }

    /** A random Gaussian matrix quantized to {@code type}, and {@code copies - 1} byte copies of it. */
    private static WeightMatrix[] randomCopies(ComputePool pool, Arena arena, GGMLType type, int rows, int cols,
            int copies, Random rnd) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rnd.nextGaussian();
        }
        long bytes = type.bytesFor((long) rows * cols);
        MemorySegment first = arena.allocate(bytes, 64);
        Quantizer.forType(type).quantizeRows(values, rows, cols, first, 0, pool);
        WeightMatrix[] matrices = new WeightMatrix[copies];
        for (int c = 0; c < copies; c++) {
            MemorySegment data = c == 0 ? first : arena.allocate(bytes, 64).copyFrom(first);
            matrices[c] = WeightMatrices.of(type, data, rows, cols);
        }
        return matrices;
    }

    private static double seconds(Runnable body) {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) * 1e-9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
