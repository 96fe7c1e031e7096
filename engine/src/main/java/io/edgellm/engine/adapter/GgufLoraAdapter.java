package io.edgellm.engine.adapter;

import io.edgellm.engine.gguf.GGUFException;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.UnsupportedTensorTypeException;
import io.edgellm.engine.tensor.WeightMatrices;
import io.edgellm.engine.tensor.WeightMatrix;
import io.edgellm.engine.train.TargetModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama.cpp's GGUF LoRA layout, as {@code convert_lora_to_gguf.py} writes it and
 * {@code llama-adapter.cpp} reads it: {@code general.type = adapter}, {@code adapter.type = lora},
 * {@code adapter.lora.alpha}, {@code general.architecture} of the base, and for each adapted weight
 * {@code blk.N.attn_q.weight.lora_a} with GGML shape {@code [in, rank]} and {@code .lora_b} with
 * {@code [rank, out]} (row-major {@code rank × in} and {@code out × rank}), already in the base's
 * GGUF row order. Factors are read in any type the tensor package can dequantize and written as F32.
 */
public final class GgufLoraAdapter {

    static final String TYPE_KEY = "general.type";
    static final String ADAPTER_TYPE_KEY = "adapter.type";
    static final String ALPHA_KEY = "adapter.lora.alpha";
    static final String BASE_MODEL_KEY = "general.base_model.0.name";
    private static final Pattern TENSOR = Pattern.compile("(blk\\.(\\d{1,6})\\.(\\w+)\\.weight)\\.lora_([ab])");

    private GgufLoraAdapter() {
    }

    /**
     * Reads the adapter in {@code file} for a base of shape {@code base}.
     *
     * @throws AdapterException naming the file when it is not a LoRA adapter of the base's architecture,
     *     adapts an unknown module, lacks a factor, or has factors whose shapes do not fit the base
     */
    public static LoraWeights read(Path file, ModelConfig base) {
        try (GGUFFile gguf = GGUFFile.open(file)) {
            GGUFMetadata md = gguf.metadata();
            String type = md.findString(TYPE_KEY).orElse("(missing)");
            if (!type.equals("adapter")) {
                throw new AdapterException(file, TYPE_KEY + " is " + type + ", not adapter: this is not an adapter file");
            }
            String adapterType = md.findString(ADAPTER_TYPE_KEY).orElse("(missing)");
            if (!adapterType.equals("lora")) {
                throw new AdapterException(file, ADAPTER_TYPE_KEY + " is " + adapterType + "; only lora adapters are supported");
            }
            String arch = md.findString("general.architecture").orElse("(missing)");
            if (!arch.equals(base.architecture().ggufName())) {
                throw new AdapterException(file, "an adapter of a " + arch + " model cannot apply to a "
                        + base.architecture().ggufName() + " base");
            }
            float alpha = md.findFloat(ALPHA_KEY).orElse(0f);
            Map<String, GGUFTensorInfo[]> pairs = new TreeMap<>();
            for (GGUFTensorInfo t : gguf.tensorInfos()) {
                Matcher m = TENSOR.matcher(t.name());
                if (!m.matches()) {
                    throw new AdapterException(file, "tensor '" + t.name() + "' is not a LoRA factor"
                            + " (expected blk.N.<module>.weight.lora_a or lora_b)");
                }
                pairs.computeIfAbsent(m.group(1), k -> new GGUFTensorInfo[2])[m.group(4).equals("a") ? 0 : 1] = t;
            }
            List<LoraTensors> tensors = new ArrayList<>();
            for (Map.Entry<String, GGUFTensorInfo[]> e : pairs.entrySet()) {
                tensors.add(factors(file, gguf, e.getKey(), e.getValue()));
            }
            if (tensors.isEmpty()) {
                throw new AdapterException(file, "holds no LoRA factors");
            }
            LoraWeights lora = new LoraWeights(alpha, 0f, md.findString(BASE_MODEL_KEY).orElse(null), tensors);
            lora.checkFits(base, file);
            return lora;
        } catch (GGUFException | UnsupportedTensorTypeException e) {
            throw new AdapterException(file, "cannot read the adapter: " + e.getMessage(), e);
        }
    }

    private static LoraTensors factors(Path file, GGUFFile gguf, String weight, GGUFTensorInfo[] ab) {
        String[] parts = weight.split("\\.");
        TargetModule module = Arrays.stream(TargetModule.values()).filter(t -> t.ggufName().equals(parts[2])).findFirst()
                .orElseThrow(() -> new AdapterException(file, "unknown target module '" + parts[2] + "' in '" + weight
                        + "' (supported: attn_q, attn_k, attn_v, attn_output, ffn_gate, ffn_up, ffn_down)"));
        if (ab[0] == null || ab[1] == null) {
            throw new AdapterException(file, "'" + weight + "' has lora_" + (ab[0] == null ? "b" : "a") + " but no lora_"
                    + (ab[0] == null ? "a" : "b"));
        }
        GGUFTensorInfo a = ab[0];
        GGUFTensorInfo b = ab[1];
        if (a.dimensions() != 2 || b.dimensions() != 2 || a.dim(1) != b.dim(0)) {
            throw new AdapterException(file, "'" + weight + "': lora_a is " + Arrays.toString(a.shape()) + " and lora_b "
                    + Arrays.toString(b.shape()) + "; expected [in, rank] and [rank, out] with one rank");
        }
        int rank = (int) a.dim(1);
        int in = (int) a.dim(0);
        int out = (int) b.dim(1);
        return new LoraTensors(Integer.parseInt(parts[1]), module, rank, in, out, values(gguf, a, rank, in),
                values(gguf, b, out, rank));
    }

    private static float[] values(GGUFFile gguf, GGUFTensorInfo t, int rows, int cols) {
        WeightMatrix m = WeightMatrices.of(t.type(), gguf.tensorData(t), rows, cols);
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            m.dequantizeRow(r, v, r * cols);
        }
        return v;
    }

    /** Writes {@code lora}, an adapter of a base of shape {@code base}, to {@code file} atomically. */
    public static void write(Path file, LoraWeights lora, ModelConfig base) throws IOException {
        lora.checkFits(base, file);
        GGUFWriter w = new GGUFWriter();
        w.putString("general.architecture", base.architecture().ggufName());
        w.putString(TYPE_KEY, "adapter");
        if (lora.baseModel() != null) {
            w.putUInt32("general.base_model.count", 1);
            w.putString(BASE_MODEL_KEY, lora.baseModel());
        }
        w.putString(ADAPTER_TYPE_KEY, "lora");
        w.putFloat32(ALPHA_KEY, lora.alpha());
        for (LoraTensors t : lora.tensors()) {
            w.addTensor(t.baseTensor() + ".lora_a", GGMLType.F32, new long[] {t.in(), t.rank()}, TensorData.ofFloats(t.a()));
            w.addTensor(t.baseTensor() + ".lora_b", GGMLType.F32, new long[] {t.rank(), t.out()}, TensorData.ofFloats(t.b()));
        }
        w.write(file);
    }
}
