package io.edgellm.engine.adapter;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.quantize.RequantizedRows;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.Quantizer;
import io.edgellm.engine.tensor.WeightMatrices;
import io.edgellm.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Folds a LoRA adapter into its base: {@code W' = W + scale · B·A} for every adapted matrix, so
 * that the merged model computes what base and adapter compute together, with no adapter at
 * inference. A quantized base matrix is dequantized, merged and written in the requested type, or
 * F16 by default (as llama.cpp's {@code export-lora} does); float matrices keep their type. Other
 * tensors are copied, or, when a type is requested, every weight matrix is converted to it. The
 * output file appears only when complete.
 */
public final class LoraMerger {

    private static final String FILE_TYPE = "general.file_type";

    private LoraMerger() {
    }

    /** The type a merged matrix stored as {@code base} gets when no type is requested. */
    public static GGMLType defaultType(GGMLType base) {
        return base == GGMLType.F32 || base == GGMLType.BF16 ? base : GGMLType.F16;
    }

    /** What {@link #merge(Path, Path, Path, GGMLType)} merged: the adapter as read, and how many matrices it changed. */
    public record Merged(LoraWeights lora, int matrices) {
    }

    /**
     * Reads the adapter at {@code adapter} (PEFT directory or GGUF LoRA) against {@code base} and writes the
     * merged model to {@code output}, opening the base once.
     *
     * @see #merge(Path, LoraWeights, Path, GGMLType)
     */
    public static Merged merge(Path base, Path adapter, Path output, GGMLType type) throws IOException {
        checkOutput(base, output);
        try (GGUFFile in = GGUFFile.open(base)) {
            LoraWeights lora = LoraFiles.read(adapter, ModelConfig.from(in));
            return new Merged(lora, merge(in, base, lora, output, type));
        }
    }

    /**
     * Writes {@code base} with {@code lora} merged to {@code output}.
     *
     * @param type the type of every weight matrix, or null to merge into F16/float and copy the rest
     * @return the number of matrices merged
     * @throws IllegalArgumentException when the output is the base itself, or a matrix's rows are not whole blocks of {@code type}
     * @throws AdapterException when the adapter does not fit the base
     */
    public static int merge(Path base, LoraWeights lora, Path output, GGMLType type) throws IOException {
        checkOutput(base, output);
        try (GGUFFile in = GGUFFile.open(base)) {
            return merge(in, base, lora, output, type);
        }
    }

    private static void checkOutput(Path base, Path output) throws IOException {
        if (Files.exists(output) && Files.isSameFile(base, output)) {
            throw new IllegalArgumentException("the output would overwrite the base model " + base + "; choose another file");
        }
    }

    private static int merge(GGUFFile in, Path base, LoraWeights lora, Path output, GGMLType type) throws IOException {
        Map<String, LoraTensors> updates = new HashMap<>();
        lora.tensors().forEach(t -> updates.put(t.baseTensor(), t));
        ModelConfig config = ModelConfig.from(in);
        lora.checkFits(config, base);
        GGUFWriter w = new GGUFWriter().putAll(in.metadata());
        boolean retyped = false;
        int merged = 0;
        for (GGUFTensorInfo t : in.tensorInfos()) {
            LoraTensors update = updates.get(t.name());
            boolean matrix = t.dimensions() == 2 && t.name().endsWith(".weight");
            if (update != null) {
                float scale = lora.scale(update);
                GGMLType target = type != null ? type : defaultType(t.type());
                w.addTensor(t.name(), target, t.shape(), new RequantizedRows(matrix(in, t), Quantizer.forType(target),
                        (row, values) -> update.addDeltaRow(row, scale, values)));
                retyped |= target != t.type();
                merged++;
            } else if (matrix && type != null && t.type() != type) {
                w.addTensor(t.name(), type, t.shape(), RequantizedRows.of(matrix(in, t), Quantizer.forType(type)));
                retyped = true;
            } else {
                w.addTensor(t.name(), t.type(), t.shape(), TensorData.of(in.tensorData(t)));
            }
        }
        if (retyped) {
            // The base's file type no longer describes the tensors (a quantized base merges into F16 by default too).
            w.remove(FILE_TYPE);
        }
        w.write(output);
        return merged;
    }

    private static WeightMatrix matrix(GGUFFile in, GGUFTensorInfo t) {
        return WeightMatrices.of(t.type(), in.tensorData(t), Math.toIntExact(t.dim(1)), Math.toIntExact(t.dim(0)));
    }
}
