package io.edgellm.cli.synthetic;

import io.edgellm.cli.Units;
import io.edgellm.engine.model.SyntheticModel;
import io.edgellm.engine.model.SyntheticSpec;
import io.edgellm.engine.quantize.QuantizationScheme;
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

/** {@code edgellm synthetic}: write a random-weight model of a known shape. */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = {"Write a random-weight GGUF model with the shape of a known family, for tests, benchmarks and",
            "comparisons with other engines (llama.cpp opens these files too). Presets: llama2, llama3, mistral, qwen2,",
            "smollm, tinyllama, 1b."})
public final class SyntheticCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", required = true, paramLabel = "NAME", description = "Model shape: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Presets.class)
    String preset;

    @Option(names = "--tiny", description = "Scale the shape down (a few MB) keeping its family traits.")
    boolean tiny;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "F32",
            description = "Storage of the matrices, as edgellm quantize names it: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q4_K_M, Q5_K, Q6_K (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the random weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.gguf", description = "Where to write the model.")
    Path output;

    static final class Presets implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SyntheticSpec.presetNames().iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        SyntheticSpec shape = SyntheticSpec.preset(preset);
        if (tiny) {
            shape = shape.tiny();
        }
        QuantizationScheme storage = QuantizationScheme.parse(type);
        SyntheticModel.write(shape, storage, seed, output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %s: %s (%s), %,d parameters, %s, %s%n", output, shape.name(),
                shape.architecture().ggufName(), shape.parameterCount(), storage, Units.bytes(Files.size(output)));
        return 0;
    }
}
