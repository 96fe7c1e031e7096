package io.edgellm.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgellm.cli.CacheDir;
import io.edgellm.cli.TextTable;
import io.edgellm.cli.ThreadsOption;
import io.edgellm.cli.UserException;
import io.edgellm.cli.Units;
import io.edgellm.engine.bench.ModelBenchmark;
import io.edgellm.engine.family.FamilyTokenizer;
import io.edgellm.engine.family.ModelSize;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.SyntheticModel;
import io.edgellm.engine.model.SyntheticSpec;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.KernelBenchmark;
import io.edgellm.engine.train.TrainingBenchmark;
import io.edgellm.planner.bench.PlannerBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgellm bench}: speed against the machine's own limits, measured in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks. With a model: prefill and decode tokens/s beside the memory read bandwidth measured",
            "in the same run, and the decode roofline ratio (weight bytes per token x tokens/s / bandwidth).",
            "--synthetic writes a random-weight model of a preset shape first (cached), so anyone can reproduce it."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final class Target {
        @Option(names = {"-m", "--model"}, paramLabel = "MODEL.gguf", description = "Benchmark this model.")
        Path model;

        @Option(names = "--synthetic", paramLabel = "PRESET",
                description = "Benchmark a random-weight model of this shape: 1b (Llama 1.1B), tinyllama, llama3, smollm, qwen2, mistral, llama2.")
        String synthetic;

        @Option(names = "--kernels", description = "Per-type matrix kernels: decode GB/s against bandwidth, prefill GFLOP/s.")
        boolean kernels;

        @Option(names = "--planner", description = "Planner timings at city scale and optimality gaps against brute force.")
        boolean planner;

        @Option(names = "--train", description = {"A training step of the family's base model shape: tokens/s and GFLOP/s beside the",
            "inference matmul GFLOP/s of the same run, and peak memory of full F32 fine-tuning against LoRA on a Q4_0 base."})
        boolean train;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "Q8_0",
            description = "Storage of a --synthetic model: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q4_K_M, Q5_K, Q6_K (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--prompt", paramLabel = "N", defaultValue = "128", description = "Prompt tokens to prefill (default: ${DEFAULT-VALUE}).")
    int prompt;

    @Option(names = "--decode", paramLabel = "N", defaultValue = "64", description = "Tokens to decode (default: ${DEFAULT-VALUE}).")
    int decode;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Timed repetitions; medians are shown (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--probe-mib", paramLabel = "MIB", defaultValue = "1024", description = "Bandwidth probe buffer in MiB (default: ${DEFAULT-VALUE}).")
    int probeMib;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where --synthetic models are kept (default: $EDGELLM_CACHE or ~/.cache/edgellm).")
    Path cacheDir;

    @Option(names = "--quick", description = "With --kernels: smaller matrices, fewer repetitions; with --train: 2 warm-up and 2 timed steps.")
    boolean quick;

    @Option(names = "--json", description = "With a model: print the result as one JSON object.")
    boolean json;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (target.kernels) {
            int n = threads.threads();
            out.print(KernelBenchmark.run(quick ? KernelBenchmark.Config.quick(n) : KernelBenchmark.Config.standard(n)).table());
        } else if (target.planner) {
            out.print(PlannerBenchmark.run(5, 200).table());
        } else if (target.train) {
            TrainingBenchmark.Options o = TrainingBenchmark.Options.of(ModelSize.BASE.config(FamilyTokenizer.VOCAB_SIZE), threads.threads());
            out.print(TrainingBenchmark.run(quick ? o.withSteps(2, 2) : o).table());
        } else {
            Path model = target.model != null ? target.model : synthetic(spec.commandLine().getErr());
            ModelBenchmark.Config config = new ModelBenchmark.Config(threads.threads(), prompt, decode, repeat, (long) probeMib << 20);
            PrintWriter err = spec.commandLine().getErr();
            ModelBenchmark.Result result = ModelBenchmark.run(model, config, phase -> {
                err.println("bench: " + phase);
                err.flush();
            });
            if (json) {
                out.println(toJson(result));
            } else {
                print(result, out);
            }
        }
        out.flush();
        return 0;
    }

    private Path synthetic(PrintWriter err) throws IOException {
        SyntheticSpec shape = SyntheticSpec.preset(target.synthetic);
        QuantizationScheme scheme = QuantizationScheme.parse(type);
        Path dir = cacheDir != null ? cacheDir : CacheDir.path();
        Path file = dir.resolve("synthetic-" + shape.name() + "-" + scheme.name().toLowerCase(Locale.ROOT) + ".gguf");
        if (!Files.exists(file)) {
            err.printf(Locale.ROOT, "bench: writing %s (%s parameters, %s) ...%n", file, Units.count(shape.parameterCount()), scheme);
            err.flush();
            SyntheticModel.write(shape, scheme, 1, file);
        }
        return file;
    }

    private static void print(ModelBenchmark.Result r, PrintWriter out) {
        ModelConfig c = r.config();
        out.printf(Locale.ROOT, "model: %s%n", r.model());
        out.printf(Locale.ROOT, "shape: %s, dim %d, %d blocks, %d heads, %d KV heads, FFN %d, vocab %d%s%n",
                c.architecture().ggufName(), c.embeddingLength(), c.blockCount(), c.headCount(), c.headCountKv(),
                c.feedForwardLength(), c.vocabSize(), c.tiedEmbeddings() ? ", tied embeddings" : "");
        out.printf(Locale.ROOT, "threads: %d, weight bytes read per decode step: %s%n", r.threads(), Units.bytes(r.decodeBytesPerToken()));
        TextTable runs = new TextTable("run>", "bandwidth GB/s>", "prefill tok/s>", "decode tok/s>", "roofline>");
        for (int i = 0; i < r.samples().size(); i++) {
            ModelBenchmark.Sample s = r.samples().get(i);
            runs.row(i + 1, f1(s.bandwidthGBps()), f1(s.timing().prefillTokensPerSecond()),
                    f2(s.timing().decodeTokensPerSecond()), f2(s.rooflineRatio()));
        }
        runs.row("median", f1(r.bandwidthGBps()), f1(r.prefillTokensPerSecond()), f2(r.decodeTokensPerSecond()), f2(r.rooflineRatio()));
        runs.print(out);
    }

    private static String toJson(ModelBenchmark.Result r) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("engine", "edgellm");
        o.put("model", r.model().toString());
        o.put("threads", r.threads());
        o.put("decodeBytesPerToken", r.decodeBytesPerToken());
        o.put("prefillTokensPerSecond", r.prefillTokensPerSecond());
        o.put("decodeTokensPerSecond", r.decodeTokensPerSecond());
        o.put("bandwidthGBps", r.bandwidthGBps());
        o.put("rooflineRatio", r.rooflineRatio());
        ArrayNode runs = o.putArray("runs");
        for (ModelBenchmark.Sample s : r.samples()) {
            runs.addObject()
                    .put("bandwidthGBps", s.bandwidthGBps())
                    .put("prefillTokensPerSecond", s.timing().prefillTokensPerSecond())
                    .put("decodeTokensPerSecond", s.timing().decodeTokensPerSecond())
                    .put("rooflineRatio", s.rooflineRatio());
        }
        return mapper.writeValueAsString(o);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
