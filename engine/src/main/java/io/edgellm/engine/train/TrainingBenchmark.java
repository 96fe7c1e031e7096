package io.edgellm.engine.train;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.SyntheticModel;
import io.edgellm.engine.model.SyntheticSpec;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.WeightMatrices;
import io.edgellm.engine.tensor.WeightMatrix;
import io.edgellm.engine.train.ops.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Measures a training step of a small Llama against the inference kernels, and the memory of full
 * fine-tuning against LoRA on a quantized base.
 *
 * <ul>
 *   <li>Throughput: full training of a freshly initialised model; FLOPs are counted as the passes
 *       run them (every matrix product's {@code 2·m·n·k} — forward, input gradient, weight
 *       gradient — plus causal attention's products), i.e. about {@code 6 × matmul parameters ×
 *       tokens} plus attention.</li>
 *   <li>Inference reference: {@code ComputePool.matMul} of F32 {@link WeightMatrix}es of every
 *       projection shape of the same model, over the same number of tokens.</li>
 *   <li>Memory: the same shape written as GGUF; full fine-tuning of the F32 file against LoRA
 *       (rank 8 on all seven projections) on a frozen base in {@link Options#loraBase()}. Each is
 *       counted from its arrays ({@link MemoryReport}) and measured: the heap retained after a
 *       full GC at the end of each step, and the JVM's heap peak ({@link MemoryPoolMXBean} peaks,
 *       garbage included), above the heap in use before the run; mapped base weights are added.</li>
 * </ul>
 */
public final class TrainingBenchmark {

    /** The benchmark's model and run. */
    public record Options(int dim, int blocks, int heads, int kvHeads, int feedForward, int vocab, int sequenceLength,
                          int sequences, int warmupSteps, int steps, int threads, QuantizationScheme loraBase) {

        /**
         * A 7.3M-parameter Llama (width 256, 8 blocks, 4 heads of 64, FFN 768, 2048 tokens), the
         * shape of docs/TRAINING.md's figures; see {@link #of} for another shape.
         */
        public static Options defaults() {
            return new Options(256, 8, 4, 4, 768, 2048, 128, 4, 8, 8, Runtime.getRuntime().availableProcessors(),
                    QuantizationScheme.Q4_0);
        }

        /**
         * The shape of {@code model} (e.g. the family's base): 4 sequences of 128 tokens a step, 8
         * warm-up and 8 timed steps; LoRA on a base quantized as {@code edgellm quantize Q4_0} would
         * (Q4_0 blocks, a Q6_K head).
         */
        public static Options of(ModelConfig model, int threads) {
            return new Options(model.embeddingLength(), model.blockCount(), model.headCount(), model.headCountKv(),
                    model.feedForwardLength(), model.vocabSize(), 128, 4, 8, 8, threads, QuantizationScheme.Q4_0);
        }

        public Options withThreads(int n) {
            return new Options(dim, blocks, heads, kvHeads, feedForward, vocab, sequenceLength, sequences, warmupSteps, steps, n, loraBase);
        }

        public Options withLoraBase(QuantizationScheme type) {
            return new Options(dim, blocks, heads, kvHeads, feedForward, vocab, sequenceLength, sequences, warmupSteps, steps, threads, type);
        }

        public Options withSteps(int warmup, int timed) {
            return new Options(dim, blocks, heads, kvHeads, feedForward, vocab, sequenceLength, sequences, warmup, timed, threads, loraBase);
        }

        ModelConfig config() {
            return new ModelConfig(null, Architecture.LLAMA, blocks, dim, feedForward, heads, kvHeads, dim / heads, dim / heads,
                    1e-5f, 10000f, dim / heads, 1f, false, Math.max(sequenceLength, 256), vocab, false, true);
        }

        SyntheticSpec spec() {
            return new SyntheticSpec("bench", Architecture.LLAMA, dim, blocks, heads, kvHeads, dim / heads, feedForward, vocab,
                    Math.max(sequenceLength, 256), true, 10000f, null, 1e-5f);
        }
    }

    /** Memory of one configuration: counted from arrays, and measured. */
    public record Memory(String configuration, MemoryReport counted, long retainedHeapBytes, long heapPeakBytes,
                         long mappedBytes) {

        /** Measured heap peak plus mapped base weights. */
        public long peakBytes() {
            return heapPeakBytes + mappedBytes;
        }
    }

    /**
     * @param parameters         parameters of the model (tied embedding counted once)
     * @param tokensPerStep      tokens of one training step
     * @param flopsPerStep       counted FLOPs of one step
     * @param stepSeconds        median wall time of a timed step
     * @param trainingGflops     {@code flopsPerStep / stepSeconds}
     * @param inferenceGflops    F32 {@code WeightMatrix.matMul} on the same shapes and token count (median sweep)
     * @param ratio              median over the timed steps of training GFLOP/s over the GFLOP/s of the
     *                           inference sweep run right after it; issue 4 asks for at least 0.5
     */
    public record Result(Options options, long parameters, long tokensPerStep, long flopsPerStep, double stepSeconds,
                         double trainingGflops, double inferenceGflops, double ratio, Memory full, Memory lora) {

        public double tokensPerSecond() {
            return tokensPerStep / stepSeconds;
        }

        public String table() {
            StringBuilder s = new StringBuilder();
            Options o = options;
            s.append(String.format(Locale.ROOT, "model: dim %d, %d blocks, %d/%d heads, FFN %d, vocabulary %d, %,d parameters%n",
                    o.dim(), o.blocks(), o.heads(), o.kvHeads(), o.feedForward(), o.vocab(), parameters));
            s.append(String.format(Locale.ROOT, "step: %d sequences x %d tokens on %d threads%n", o.sequences(), o.sequenceLength(),
                    o.threads()));
            s.append(String.format(Locale.ROOT, "training:  %.3f s/step, %,.0f tokens/s, %.1f GFLOP/s (%.2f GFLOP/step)%n",
                    stepSeconds, tokensPerSecond(), trainingGflops, flopsPerStep / 1e9));
            s.append(String.format(Locale.ROOT, "inference: %.1f GFLOP/s (F32 WeightMatrix.matMul, same shapes)%n", inferenceGflops));
            s.append(String.format(Locale.ROOT, "ratio:     %.2f (median of step/sweep pairs; target >= 0.5)%n", ratio()));
            s.append(String.format(Locale.ROOT, "%-26s %10s %10s %10s %10s %10s | %10s %10s %10s %10s%n", "memory (MiB)", "params",
                    "mapped", "grads", "optimizer", "activation", "counted", "retained", "heap peak", "peak+map"));
            for (Memory m : List.of(full, lora)) {
                MemoryReport c = m.counted();
                s.append(String.format(Locale.ROOT, "%-26s %10.1f %10.1f %10.1f %10.1f %10.1f | %10.1f %10.1f %10.1f %10.1f%n",
                        m.configuration(), mib(c.parameterBytes()), mib(c.mappedWeightBytes()), mib(c.gradientBytes()),
                        mib(c.optimizerBytes()), mib(c.activationBytes()), mib(c.totalBytes()), mib(m.retainedHeapBytes()),
                        mib(m.heapPeakBytes()), mib(m.peakBytes())));
            }
            return s.toString();
        }

        private static double mib(long bytes) {
            return bytes / (1024.0 * 1024.0);
        }
    }

    /** Steps of a throw-away run before memory is measured: enough for the JIT to compile the step's code. */
    private static final int WARMUP_STEPS = 4;
    private static final String F32_BASE = "base-f32.gguf";

    private TrainingBenchmark() {
    }

    public static Result run(Options o) {
        try (ComputePool pool = new ComputePool(o.threads())) {
            Path dir = Files.createTempDirectory("edgellm-train-bench");
            try {
                TrainableModel model = TrainableModel.initialize(o.config(), null, FullTraining.all(), 1, pool);
                Trainer trainer = new Trainer(model, settings(), data(o));
                long tokens = (long) o.sequences() * o.sequenceLength();
                InferenceSweep inference = new InferenceSweep(o, (int) tokens);
                // Training steps and inference sweeps alternate, so that other load on the machine
                // slows both alike; each side reports its median, and the ratio is the median of
                // the ratios of neighbouring step and sweep.
                double[] stepSeconds = new double[o.steps()];
                double[] sweepSeconds = new double[o.steps()];
                double[] ratios = new double[o.steps()];
                long flops = 0;
                for (int i = 0; i < o.warmupSteps() + o.steps(); i++) {
                    StepResult r = trainer.step();
                    double sweep = inference.seconds(pool);
                    if (i >= o.warmupSteps()) {
                        stepSeconds[i - o.warmupSteps()] = r.seconds();
                        sweepSeconds[i - o.warmupSteps()] = sweep;
                        ratios[i - o.warmupSteps()] = (r.flops() / r.seconds()) / (inference.flops / sweep);
                        flops = r.flops();
                    }
                }
                double step = median(stepSeconds);
                double inferenceGflops = inference.flops / median(sweepSeconds) / 1e9;
                model = null;
                trainer = null;
                inference = null;
                // After the timed steps, so that the kernels are compiled: interpreted vector code
                // allocates a box per vector operation, which would fill the heap peak with garbage.
                Memory full = fullFineTuning(o, pool, dir);
                Memory lora = loraOnQuantizedBase(o, pool, dir);
                return new Result(o, o.spec().parameterCount(), tokens, flops, step, flops / step / 1e9, inferenceGflops,
                        median(ratios), full, lora);
            } finally {
                deleteRecursively(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        Options o = Options.defaults();
        if (args.length > 0) {
            o = o.withThreads(Integer.parseInt(args[0]));
        }
        System.out.print(run(o).table());
    }

    private static Trainer.Settings settings() {
        return Trainer.Settings.defaults(LearningRateSchedule.constant(1e-3));
    }

    private static BatchSource data(Options o) {
        Rng rng = new Rng(7);
        int[] corpus = new int[64 * 1024];
        for (int i = 0; i < corpus.length; i++) {
            corpus[i] = rng.nextInt(o.vocab());
        }
        return new RandomWindows(corpus, o.sequences(), o.sequenceLength(), 3);
    }

    /** The F32 model file, dequantized to the heap and fully trained; the mapping is closed before measuring steps. */
    private static Memory fullFineTuning(Options o, ComputePool pool, Path dir) throws IOException {
        Path file = dir.resolve(F32_BASE);
        SyntheticModel.write(o.spec(), QuantizationScheme.F32, 1, file);
        return measure("full fine-tuning, F32", o, () -> {
            try (GGUFFile gguf = GGUFFile.open(file)) {
                return TrainableModel.fromGguf(gguf, FullTraining.all(), 1, pool);
            }
        }, false);
    }

    private static Memory loraOnQuantizedBase(Options o, ComputePool pool, Path dir) throws IOException {
        Path file = dir.resolve("base-" + o.loraBase() + ".gguf");
        SyntheticModel.write(o.spec(), o.loraBase(), 1, file);
        try (GGUFFile gguf = GGUFFile.open(file)) {
            return measure("LoRA r=8, frozen " + o.loraBase() + " base", o, () -> TrainableModel.fromGguf(gguf,
                    LoraConfig.of(8, 16, "q", "k", "v", "o", "gate", "up", "down"), 1, pool), true);
        }
    }

    /**
     * Builds and trains a throw-away model first, so that its code paths are compiled (interpreted
     * vector code allocates a box per operation, garbage that would swell the heap peak), then
     * measures a fresh one from construction on.
     */
    private static Memory measure(String name, Options o, Supplier<TrainableModel> build, boolean countMapped) {
        Trainer warmup = new Trainer(build.get(), settings(), data(o));
        for (int i = 0; i < WARMUP_STEPS; i++) {
            warmup.step();
        }
        warmup = null;
        long baseline = settledHeap();
        resetPeaks();
        TrainableModel model = build.get();
        Trainer trainer = new Trainer(model, settings(), data(o));
        long retained = 0;
        for (int i = 0; i < 2; i++) {
            trainer.step();
            retained = Math.max(retained, settledHeap() - baseline);
        }
        long peak = peakHeap() - baseline;
        return new Memory(name, trainer.memory(), retained, peak, countMapped ? model.mappedWeightBytes() : 0);
    }

    /** The inference batched product over every projection shape of the model, {@code n} tokens each. */
    private static final class InferenceSweep {

        final List<WeightMatrix> matrices = new ArrayList<>();
        final float[] x;
        final float[] out;
        final int n;
        final long flops;

        InferenceSweep(Options o, int n) {
            ModelConfig c = o.config();
            int dim = c.embeddingLength();
            for (int b = 0; b < o.blocks(); b++) {
                matrices.add(matrix(c.queryWidth(), dim, b));
                matrices.add(matrix(c.keyWidth(), dim, b));
                matrices.add(matrix(c.valueWidth(), dim, b));
                matrices.add(matrix(dim, c.attentionOutputWidth(), b));
                matrices.add(matrix(c.feedForwardLength(), dim, b));
                matrices.add(matrix(c.feedForwardLength(), dim, b));
                matrices.add(matrix(dim, c.feedForwardLength(), b));
            }
            matrices.add(matrix(c.vocabSize(), dim, -1));
            this.n = n;
            x = new float[n * Math.max(dim, c.feedForwardLength())];
            Rng rng = new Rng(2);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            out = new float[n * Math.max(c.vocabSize(), c.feedForwardLength())];
            long total = 0;
            for (WeightMatrix w : matrices) {
                total += 2L * n * w.rows() * w.cols();
            }
            flops = total;
        }

        double seconds(ComputePool pool) {
            long start = System.nanoTime();
            for (WeightMatrix w : matrices) {
                pool.matMul(w, x, n, out);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static WeightMatrix matrix(int rows, int cols, int seed) {
        Rng rng = Rng.of(seed, rows * 31L + cols);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.02 * rng.nextGaussian());
        }
        return WeightMatrices.of(GGMLType.F32, MemorySegment.ofArray(v), rows, cols);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Heap in use after full collections, i.e. what is still referenced. */
    private static long settledHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
