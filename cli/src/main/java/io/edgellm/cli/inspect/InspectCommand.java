package io.edgellm.cli.inspect;

import io.edgellm.cli.TextTable;
import io.edgellm.cli.Units;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.tensor.GGMLType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgellm inspect}: what a GGUF file holds, without loading the model. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a GGUF file's metadata, tensor table, sizes and parameter count.")
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.gguf", description = "The GGUF file to inspect.")
    Path model;

    @Option(names = "--no-tensors", description = "Leave out the per-tensor table.")
    boolean noTensors;

    @Option(names = "--full-arrays", description = "Print every element of array values (vocabularies can be long).")
    boolean fullArrays;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (GGUFFile f = GGUFFile.open(model)) {
            out.printf(Locale.ROOT, "%s: GGUF v%d, %s, alignment %d, %d metadata keys, %d tensors%n", f.path(),
                    f.version(), Units.bytes(f.fileSize()), f.alignment(), f.metadata().keys().size(), f.tensorInfos().size());
            out.println();
            TextTable meta = new TextTable("key", "type", "value");
            for (Map.Entry<String, GGUFValue> e : f.metadata().asMap().entrySet()) {
                GGUFValue v = e.getValue();
                meta.row(e.getKey(), v.type(), fullArrays ? ArrayFormat.full(v) : ArrayFormat.preview(v));
            }
            meta.print(out);
            if (!noTensors) {
                out.println();
                TextTable tensors = new TextTable("tensor", "type", "shape", "bytes>", "offset>");
                for (GGUFTensorInfo t : f.tensorInfos()) {
                    tensors.row(t.name(), t.type(), Arrays.stream(t.shape()).mapToObj(Long::toString)
                            .collect(Collectors.joining(" x ")), t.byteSize(), t.offset());
                }
                tensors.print(out);
            }
            out.println();
            printTotals(out, f);
        }
        return 0;
    }

    private static void printTotals(PrintWriter out, GGUFFile f) {
        Map<GGMLType, long[]> byType = new EnumMap<>(GGMLType.class);
        long params = 0;
        long bytes = 0;
        for (GGUFTensorInfo t : f.tensorInfos()) {
            long[] acc = byType.computeIfAbsent(t.type(), k -> new long[2]);
            acc[0] += t.elementCount();
            acc[1] += t.byteSize();
            params += t.elementCount();
            bytes += t.byteSize();
        }
        TextTable totals = new TextTable("type", "parameters>", "bytes>", "bits/weight>");
        byType.forEach((type, acc) -> totals.row(type, Units.count(acc[0]), Units.bytes(acc[1]),
                String.format(Locale.ROOT, "%.2f", type.bitsPerWeight())));
        totals.row("total", Units.count(params), Units.bytes(bytes),
                String.format(Locale.ROOT, "%.2f", params == 0 ? 0.0 : 8.0 * bytes / params));
        totals.print(out);
        out.printf(Locale.ROOT, "parameters: %d%n", params);
        out.flush();
    }
}
