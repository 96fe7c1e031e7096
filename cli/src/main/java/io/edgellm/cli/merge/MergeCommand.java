package io.edgellm.cli.merge;

import io.edgellm.cli.Units;
import io.edgellm.engine.adapter.LoraMerger;
import io.edgellm.engine.adapter.LoraWeights;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgellm merge}: fold a LoRA adapter into its base model. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge a LoRA adapter (a PEFT directory or a GGUF LoRA file) into its GGUF base: W' = W + (alpha/r)·B·A.",
            "Merged matrices keep a float base's type; a quantized base's merged matrices become F16 unless --type is given,",
            "which then applies to every weight matrix. The output file appears only when complete."})
public final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "BASE.gguf", description = "The base model.")
    Path model;

    @Option(names = {"-a", "--adapter"}, required = true, paramLabel = "ADAPTER",
            description = "A PEFT adapter directory (adapter_config.json + adapter_model.safetensors) or a GGUF LoRA file.")
    Path adapter;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.gguf", description = "Where to write the merged model.")
    Path output;

    @Option(names = "--type", paramLabel = "TYPE", description = "Storage of every weight matrix: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K or Q6_K.")
    String type;

    @Override
    public Integer call() throws IOException {
        GGMLType matrices = type == null ? null : QuantizationScheme.parse(type).singleType();
        LoraMerger.Merged result = LoraMerger.merge(model, adapter, output, matrices);
        LoraWeights lora = result.lora();
        int merged = result.matrices();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "merged %d matrices (rank %s, alpha %s, modules %s, blocks %s) into %s: wrote %s (%s)%n", merged,
                lora.ranks().size() == 1 ? lora.ranks().iterator().next() : lora.ranks(), lora.alpha(), lora.targets().stream().map(m -> m.shortName()).toList(), lora.blocks(), model, output,
                Units.bytes(Files.size(output)));
        out.flush();
        return 0;
    }
}
