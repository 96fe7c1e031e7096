package io.edgellm.cli.quantize;

import io.edgellm.cli.Progress;
import io.edgellm.cli.TextTable;
import io.edgellm.cli.ProgressOption;
import io.edgellm.cli.ThreadsOption;
import io.edgellm.cli.UserException;
import io.edgellm.cli.Units;
import io.edgellm.engine.quantize.ModelQuantizer;
import io.edgellm.engine.quantize.ModelQuantizer.TensorPlan;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgellm quantize}: post-training quantization of a GGUF model. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = {"Quantize a GGUF model stored as F32, F16 or BF16 into a smaller type. The output head stays at Q6_K",
            "under 4- and 5-bit types and Q4_K_M gives some attention-value and MLP-down matrices Q6_K, as llama.cpp does.",
            "The output file appears only when complete."})
public final class QuantizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.gguf", description = "Model to quantize (F32, F16 or BF16 weights).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.gguf", description = "Where to write the quantized model.")
    Path output;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "Q8_0, Q4_0, Q4_K, Q4_K_M, Q5_K, Q6_K, F16 or BF16.")
    String type;

    @Mixin
    ProgressOption progressOption;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        QuantizationScheme scheme = QuantizationScheme.parse(type);
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new UserException("the output would overwrite the input " + input + "; choose another file");
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        List<TensorPlan> plans;
        try (ComputePool pool = threads.newPool();
             ProgressBar bar = Progress.bar(progressOption.shown(), "quantize " + scheme, 1, "tensors")) {
            plans = ModelQuantizer.quantize(input, output, scheme, pool, (tensor, index, count) -> {
                if (bar != null) {
                    bar.maxHint(count);
                    bar.stepTo(index + 1);
                    bar.setExtraMessage(" " + tensor.source().name());
                }
            });
        }
        summarize(plans, out, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private void summarize(List<TensorPlan> plans, PrintWriter out, double seconds) throws IOException {
        Map<GGMLType, long[]> byType = new EnumMap<>(GGMLType.class);
        Map<String, List<String>> fallbacks = new TreeMap<>();
        long before = 0;
        for (TensorPlan p : plans) {
            long[] acc = byType.computeIfAbsent(p.target(), k -> new long[2]);
            acc[0]++;
            acc[1] += p.targetBytes();
            before += p.source().byteSize();
            if (p.fallback() != null) {
                fallbacks.computeIfAbsent("stored as " + p.target() + ": " + p.fallback(), k -> new ArrayList<>())
                        .add(p.source().name());
            }
        }
        fallbacks.forEach((why, names) -> out.println("note: " + (names.size() == 1 ? names.getFirst()
                : names.size() + " tensors (" + names.getFirst() + ", ...)") + " " + why));
        TextTable table = new TextTable("type", "tensors>", "bytes>");
        byType.forEach((t, acc) -> table.row(t, acc[0], Units.bytes(acc[1])));
        table.print(out);
        out.printf(Locale.ROOT, "wrote %s: %s -> %s in %.1f s%n", output, Units.bytes(before), Units.bytes(Files.size(output)), seconds);
        out.flush();
    }
}
