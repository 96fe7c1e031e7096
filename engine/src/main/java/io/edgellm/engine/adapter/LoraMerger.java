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

    /**
     * Writes {@code base} with {@code lora} merged to {@code output}.
     *
     * @param type the type of every weight matrix, or null to merge into F16/float and copy the rest
     * @return the number of matrices merged
     * @throws IllegalArgumentException when the output is the base itself, or a matrix's rows are not whole blocks of {@code type}
     * @throws AdapterException when the adapter does not fit the base
     */
    public static int merge(Path base, LoraWeights lora, Path output, GGMLType type) throws IOException {
        if (Files.exists(output) && Files.isSameFile(base, output)) {
            throw new IllegalArgumentException("the output would overwrite the base model " + base + "; choose another file");
        }
        Map<String, LoraTensors> updates = new HashMap<>();
        lora.tensors().forEach(t -> updates.put(t.baseTensor(), t));
        try (GGUFFile in = GGUFFile.open(base)) {
            ModelConfig config = ModelConfig.from(in);
            lora.checkFits(config, base);
            GGUFWriter w = new GGUFWriter().putAll(in.metadata());
            if (type != null) {
                // The base's file type no longer describes the tensors.
                w.remove(FILE_TYPE);
            }
            int merged = 0;
            for (GGUFTensorInfo t : in.tensorInfos()) {
                LoraTensors update = updates.get(t.name());
                boolean matrix = t.dimensions() == 2 && t.name().endsWith(".weight");
                if (update != null) {
                    float scale = lora.scale(update);
                    GGMLType target = type != null ? type : defaultType(t.type());
                    w.addTensor(t.name(), target, t.shape(), new RequantizedRows(matrix(in, t), Quantizer.forType(target),
                            (row, values) -> update.addDeltaRow(row, scale, values)));
                    merged++;
                } else if (matrix && type != null && t.type() != type) {
                    w.addTensor(t.name(), type, t.shape(), RequantizedRows.of(matrix(in, t), Quantizer.forType(type)));
                } else {
                    w.addTensor(t.name(), t.type(), t.shape(), TensorData.of(in.tensorData(t)));
                }
            }
            w.write(output);
            return merged;
        }
    }

    private static WeightMatrix matrix(GGUFFile in, GGUFTensorInfo t) {
        return WeightMatrices.of(t.type(), in.tensorData(t), Math.toIntExact(t.dim(1)), Math.toIntExact(t.dim(0)));
    }
}
