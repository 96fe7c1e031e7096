package io.edgellm.engine.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Kernel throughput on this machine, next to the memory roofline measured in the same run: for each
 * type and shape, matVec on all threads (GB/s of weights read and its ratio to the read bandwidth,
 * with enough copies of the matrix that the weights never sit in L3) and matMul over a batch
 * (GFLOP/s, packing included). Behind {@code edgellm bench --kernels}; not a unit test.
 */
public final class KernelBenchmark {

    /** The types with kernels, in the order the table lists them. */
    public static final List<GGMLType> TYPES = List.of(GGMLType.Q8_0, GGMLType.Q4_0, GGMLType.Q4_K, GGMLType.Q5_K,
            GGMLType.Q6_K, GGMLType.F16, GGMLType.BF16, GGMLType.F32);

    /**
     * What to measure. {@code shapes} are {rows, cols} pairs; {@code workingSetBytes} is how much weight
     * memory decode cycles through; {@code seconds} is roughly the time spent per measurement.
     */
    public record Config(int threads, List<GGMLType> types, List<int[]> shapes, int batch, long bandwidthBytes,
            long workingSetBytes, double seconds, int repetitions) {

        public Config {
            types = List.copyOf(types);
            shapes = List.copyOf(shapes);
            if (threads < 1 || batch < 1 || repetitions < 1 || seconds <= 0 || shapes.isEmpty() || types.isEmpty()) {
                throw new IllegalArgumentException("benchmark needs threads, batch, repetitions, time, shapes and types");
            }
        }

        /** Llama-1B-like projections (2048×8192 and 8192×2048), a 128-token prefill, 256 MiB of weights per decode pass. */
        public static Config standard(int threads) {
            return new Config(threads, TYPES, List.of(new int[] {2048, 8192}, new int[] {8192, 2048}), 128,
                    MemoryBandwidth.DEFAULT_BYTES, 256L << 20, 1.0, 5);
        }
    }

    /** One type and shape: decode GB/s and fraction of the measured read bandwidth, prefill GFLOP/s. */
    public record Result(GGMLType type, int rows, int cols, double decodeGBps, double rooflineRatio, double prefillGflops) {
    }

    /** Everything measured in one run. */
    public record Report(int threads, double bandwidthGBps, double callOverheadMicros, List<Result> results) {

        public Report {
            results = List.copyOf(results);
        }

        /** A human-readable table. */
        public String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "threads %d, read bandwidth %.1f GB/s, pool call overhead %.2f us%n",
                    threads, bandwidthGBps, callOverheadMicros));
            s.append(String.format(Locale.ROOT, "%-6s %12s %14s %10s %16s%n", "type", "shape", "decode GB/s", "roofline",
                    "prefill GFLOP/s"));
            for (Result r : results) {
                s.append(String.format(Locale.ROOT, "%-6s %12s %14.1f %10.2f %16.1f%n", r.type(), r.rows() + "x" + r.cols(),
                        r.decodeGBps(), r.rooflineRatio(), r.prefillGflops()));
            }
            return s.toString();
        }
    }

    private static final int OVERHEAD_CALLS = 20_000;

    private KernelBenchmark() {
    }

    public static Report run(Config config) {
        try (ComputePool pool = new ComputePool(config.threads())) {
            double bandwidth = MemoryBandwidth.measure(pool, config.bandwidthBytes(), config.repetitions());
            double overhead = callOverheadMicros(pool);
            List<Result> results = new ArrayList<>();
            for (GGMLType type : config.types()) {
                for (int[] shape : config.shapes()) {
                    results.add(measure(pool, config, type, shape[0], shape[1], bandwidth));
                }
            }
            return new Report(config.threads(), bandwidth, overhead, results);
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

    private static Result measure(ComputePool pool, Config config, GGMLType type, int rows, int cols, double bandwidth) {
        long bytes = type.bytesFor((long) rows * cols);
        int copies = (int) Math.max(2, (config.workingSetBytes() + bytes - 1) / bytes);
        try (Arena arena = Arena.ofShared()) {
            Random rnd = new Random(1);
            float[] values = new float[rows * cols];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) rnd.nextGaussian();
            }
            MemorySegment first = arena.allocate(bytes, 64);
            Quantizer.forType(type).quantizeRows(values, rows, cols, first, 0, pool);
            WeightMatrix[] matrices = new WeightMatrix[copies];
            for (int c = 0; c < copies; c++) {
                MemorySegment data = c == 0 ? first : arena.allocate(bytes, 64).copyFrom(first);
                matrices[c] = WeightMatrices.of(type, data, rows, cols);
            }
            float[] x = new float[Math.max(cols, config.batch() * cols)];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
            double decodeSeconds = best(config, () -> {
                float[] out = new float[rows];
                for (WeightMatrix m : matrices) {
                    pool.matVec(m, x, out);
                }
            });
            double decodeGBps = copies * bytes / decodeSeconds / 1e9;
            float[] out = new float[config.batch() * rows];
            double prefillSeconds = best(config, () -> pool.matMul(matrices[0], x, config.batch(), out));
            double gflops = 2.0 * rows * cols * config.batch() / prefillSeconds / 1e9;
            return new Result(type, rows, cols, decodeGBps, decodeGBps / bandwidth, gflops);
        }
    }

    /** Fastest single run of {@code body}, over {@code repetitions} rounds of about seconds / repetitions each. */
    private static double best(Config config, Runnable body) {
        double best = Double.MAX_VALUE;
        double roundSeconds = config.seconds() / config.repetitions();
        body.run();
        for (int rep = 0; rep < config.repetitions(); rep++) {
            long roundStart = System.nanoTime();
            do {
                long start = System.nanoTime();
                body.run();
                best = Math.min(best, (System.nanoTime() - start) * 1e-9);
            } while ((System.nanoTime() - roundStart) * 1e-9 < roundSeconds);
        }
        return best;
    }

    /** {@code [threads [--quick]]}: prints the table; --quick uses a 256 MiB bandwidth buffer and shorter runs. */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        boolean quick = args.length > 1 && args[1].equals("--quick");
        Config standard = Config.standard(threads);
        Config config = quick
                ? new Config(threads, standard.types(), standard.shapes(), standard.batch(), 256L << 20,
                        standard.workingSetBytes(), 0.3, 3)
                : standard;
        System.out.print(run(config).table());
    }
}
