package io.edgellm.engine.adapter;

import io.edgellm.engine.io.AtomicFiles;
import io.edgellm.engine.json.JsonException;
import io.edgellm.engine.json.JsonParser;
import io.edgellm.engine.json.JsonValue;
import io.edgellm.engine.json.JsonValue.JsonArray;
import io.edgellm.engine.json.JsonValue.JsonBoolean;
import io.edgellm.engine.json.JsonValue.JsonNull;
import io.edgellm.engine.json.JsonValue.JsonNumber;
import io.edgellm.engine.json.JsonValue.JsonObject;
import io.edgellm.engine.json.JsonValue.JsonString;
import io.edgellm.engine.json.JsonWriter;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.safetensors.DType;
import io.edgellm.engine.safetensors.SafetensorsException;
import io.edgellm.engine.safetensors.SafetensorsFile;
import io.edgellm.engine.safetensors.SafetensorsTensor;
import io.edgellm.engine.safetensors.SafetensorsWriter;
import io.edgellm.engine.train.TargetModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hugging Face PEFT's LoRA layout: a directory with {@value #CONFIG} ({@code peft_type: LORA},
 * {@code r}, {@code lora_alpha}, {@code target_modules}, ...) and {@value #WEIGHTS} holding
 * {@code base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight} ({@code r × in}) and
 * {@code ...lora_B.weight} ({@code out × r}) for every adapted projection. The factors are in
 * Hugging Face's row order; for a Llama base in GGUF the rows of {@code lora_B} of {@code q_proj}
 * and {@code k_proj} are permuted on reading and back on writing (see {@link QkPermutation}).
 *
 * <p>Supported: plain LoRA with one rank and alpha. Refused with a message: rank or alpha patterns,
 * rsLoRA, DoRA, biases, {@code fan_in_fan_out}, modules to save, and any module other than the
 * seven projections of a decoder layer.
 */
public final class PeftAdapter {

    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";
    private static final Pattern TENSOR = Pattern.compile("base_model\\.model\\.(.+)\\.lora_([AB])\\.weight");
    private static final Pattern LAYER_MODULE = Pattern.compile("model\\.layers\\.(\\d{1,6})\\.(.+)");

    private PeftAdapter() {
    }

    /**
     * Reads the adapter in {@code dir} for a base of shape {@code base}.
     *
     * @throws AdapterException naming the file for a missing file, bad JSON or safetensors, an
     *     unsupported option, an unknown target module, a missing factor, or a shape or rank that
     *     does not fit the base
     */
    public static LoraWeights read(Path dir, ModelConfig base) {
        Path configFile = dir.resolve(CONFIG);
        JsonObject config = readConfig(configFile);
        Fields f = new Fields(configFile, config);
        String type = f.string("peft_type");
        if (!type.equals("LORA")) {
            throw new AdapterException(configFile, "peft_type is " + type + "; only LORA adapters are supported");
        }
        int rank = f.positiveInt("r");
        float alpha = f.number("lora_alpha", Float.NaN);
        float dropout = f.number("lora_dropout", 0);
        f.require("bias", new JsonString("none"), "bias: none (trained biases are not supported)");
        f.require("fan_in_fan_out", new JsonBoolean(false), "fan_in_fan_out: false (Llama projections are nn.Linear)");
        f.require("use_rslora", new JsonBoolean(false), "use_rslora: false (rank-stabilised scaling is not supported)");
        f.require("use_dora", new JsonBoolean(false), "use_dora: false (DoRA is not supported)");
        f.requireEmpty("rank_pattern");
        f.requireEmpty("alpha_pattern");
        f.require("modules_to_save", JsonNull.INSTANCE, "modules_to_save: null (fully trained modules are not supported)");
        Set<TargetModule> targets = f.targetModules();
        String baseModel = config.find("base_model_name_or_path").filter(v -> v instanceof JsonString)
                .map(v -> ((JsonString) v).value()).orElse(null);

        Path weightsFile = dir.resolve(WEIGHTS);
        List<LoraTensors> tensors = new ArrayList<>();
        try (SafetensorsFile weights = SafetensorsFile.open(weightsFile)) {
            Map<String, float[][]> pairs = new TreeMap<>();
            Map<String, long[][]> shapes = new TreeMap<>();
            for (SafetensorsTensor t : weights.tensors()) {
                Matcher m = TENSOR.matcher(t.name());
                if (!m.matches()) {
                    throw new AdapterException(weightsFile, "tensor '" + t.name() + "' is not a LoRA factor"
                            + " (expected base_model.model.model.layers.N.<module>.lora_A.weight or lora_B)");
                }
                int which = m.group(2).equals("A") ? 0 : 1;
                pairs.computeIfAbsent(m.group(1), k -> new float[2][])[which] = weights.floats(t.name());
                shapes.computeIfAbsent(m.group(1), k -> new long[2][])[which] = t.shape();
            }
            for (Map.Entry<String, float[][]> e : pairs.entrySet()) {
                tensors.add(factors(weightsFile, e.getKey(), e.getValue(), shapes.get(e.getKey()), rank, targets, base));
            }
        } catch (SafetensorsException e) {
            throw new AdapterException(weightsFile, "cannot read the adapter weights: " + e.getMessage(), e);
        }
        if (tensors.isEmpty()) {
            throw new AdapterException(weightsFile, "holds no LoRA factors");
        }
        LoraWeights lora = new LoraWeights(alpha, dropout, baseModel, tensors);
        lora.checkFits(base, weightsFile);
        return lora;
    }

    private static LoraTensors factors(Path file, String modulePath, float[][] ab, long[][] shapes, int rank,
                                       Set<TargetModule> targets, ModelConfig base) {
        Matcher m = LAYER_MODULE.matcher(modulePath);
        String leaf = modulePath.substring(modulePath.lastIndexOf('.') + 1);
        TargetModule module = m.matches() ? byPeftPath(m.group(2)) : null;
        if (module == null) {
            throw new AdapterException(file, "unknown target module '" + leaf + "' in '" + modulePath + "' (supported: the"
                    + " q/k/v/o projections of self_attn and gate/up/down of mlp in model.layers.N)");
        }
        if (!targets.contains(module)) {
            throw new AdapterException(file, "'" + modulePath + "' is adapted but " + module.peftPath() + " is not among the"
                    + " config's target_modules");
        }
        if (ab[0] == null || ab[1] == null) {
            throw new AdapterException(file, "'" + modulePath + "' has lora_" + (ab[0] == null ? "B" : "A") + " but no lora_"
                    + (ab[0] == null ? "A" : "B"));
        }
        long[] a = shapes[0];
        long[] b = shapes[1];
        if (a.length != 2 || b.length != 2 || a[0] != rank || b[1] != rank) {
            throw new AdapterException(file, "'" + modulePath + "': lora_A is " + Arrays.toString(a) + " and lora_B "
                    + Arrays.toString(b) + ", expected [" + rank + ", in] and [out, " + rank + "] for rank r = " + rank);
        }
        int block = Integer.parseInt(m.group(1));
        int in = (int) a[1];
        int out = (int) b[0];
        if (in != module.inputWidth(base) || out != module.outputWidth(base)) {
            throw new AdapterException(file, "'" + modulePath + "' is " + out + "x" + in + " (lora_A " + Arrays.toString(a)
                    + ", lora_B " + Arrays.toString(b) + ") but the base projection is " + module.outputWidth(base) + "x"
                    + module.inputWidth(base));
        }
        float[] loraB = QkPermutation.toGguf(ab[1], out, rank, QkPermutation.heads(base, module));
        return new LoraTensors(block, module, rank, in, out, ab[0], loraB);
    }

    private static TargetModule byPeftPath(String path) {
        return Arrays.stream(TargetModule.values()).filter(t -> t.peftPath().equals(path)).findFirst().orElse(null);
    }

    private static JsonObject readConfig(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AdapterException(file, "no such file (a PEFT adapter directory holds " + CONFIG + " and " + WEIGHTS + ")");
        } catch (IOException e) {
            throw new AdapterException(file, "cannot read: " + e.getMessage(), e);
        }
        try {
            JsonValue value = JsonParser.parse(text);
            if (!(value instanceof JsonObject o)) {
                throw new AdapterException(file, "expected a JSON object, found " + value.kind());
            }
            return o;
        } catch (JsonException e) {
            throw new AdapterException(file, "bad JSON at " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code lora}, an adapter of a base of shape {@code base}, into {@code dir} (created if
     * needed). Each file is written to a temporary file and renamed into place, weights first.
     */
    public static void write(Path dir, LoraWeights lora, ModelConfig base) throws IOException {
        lora.checkFits(base, dir);
        int rank = lora.rank();
        SafetensorsWriter weights = new SafetensorsWriter().putMetadata("format", "pt");
        for (LoraTensors t : lora.tensors()) {
            String prefix = "base_model.model.model.layers." + t.block() + "." + t.module().peftPath();
            float[] b = QkPermutation.toHuggingFace(t.b(), t.out(), t.rank(), QkPermutation.heads(base, t.module()));
            weights.addFloats(prefix + ".lora_A.weight", DType.F32, new long[] {t.rank(), t.in()}, t.a());
            weights.addFloats(prefix + ".lora_B.weight", DType.F32, new long[] {t.out(), t.rank()}, b);
        }
        byte[] config = JsonWriter.write(config(lora, rank, base)).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(dir);
        weights.write(dir.resolve(WEIGHTS));
        AtomicFiles.write(dir.resolve(CONFIG), out -> {
            ByteBuffer buffer = ByteBuffer.wrap(config);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        });
    }

    private static JsonObject config(LoraWeights lora, int rank, ModelConfig base) {
        Map<String, JsonValue> c = new LinkedHashMap<>();
        c.put("peft_type", new JsonString("LORA"));
        c.put("task_type", new JsonString("CAUSAL_LM"));
        c.put("base_model_name_or_path", lora.baseModel() == null ? JsonNull.INSTANCE : new JsonString(lora.baseModel()));
        c.put("r", JsonNumber.of(rank));
        c.put("lora_alpha", number(lora.alpha()));
        c.put("lora_dropout", number(lora.dropout()));
        c.put("target_modules", new JsonArray(Arrays.stream(TargetModule.values()).filter(lora.targets()::contains)
                .map(m -> (JsonValue) new JsonString(m.peftPath().substring(m.peftPath().indexOf('.') + 1))).toList()));
        c.put("bias", new JsonString("none"));
        c.put("fan_in_fan_out", new JsonBoolean(false));
        c.put("inference_mode", new JsonBoolean(true));
        c.put("init_lora_weights", new JsonBoolean(true));
        c.put("use_rslora", new JsonBoolean(false));
        c.put("use_dora", new JsonBoolean(false));
        c.put("rank_pattern", new JsonObject(Map.of()));
        c.put("alpha_pattern", new JsonObject(Map.of()));
        c.put("modules_to_save", JsonNull.INSTANCE);
        // Blocks below a freezing ratio have no adapter; PEFT must not create (zero) ones there either.
        boolean everyLayer = lora.blocks().size() == base.blockCount();
        c.put("layers_to_transform", everyLayer ? JsonNull.INSTANCE
                : new JsonArray(lora.blocks().stream().map(b -> (JsonValue) JsonNumber.of(b)).toList()));
        c.put("layers_pattern", everyLayer ? JsonNull.INSTANCE : new JsonString("layers"));
        return new JsonObject(c);
    }

    /** A float as the shortest decimal that reads back as the same float (16.0 stays 16.0, 0.05 stays 0.05). */
    private static JsonNumber number(float value) {
        return new JsonNumber(new BigDecimal(Float.toString(value)));
    }

    /** Typed access to the config's fields, with errors that name the file and the field. */
    private record Fields(Path file, JsonObject config) {

        String string(String key) {
            JsonValue v = config.find(key).orElseThrow(() -> new AdapterException(file, "missing field \"" + key + "\""));
            if (!(v instanceof JsonString s)) {
                throw new AdapterException(file, "field \"" + key + "\" must be a string, found " + v.kind());
            }
            return s.value();
        }

        int positiveInt(String key) {
            JsonValue v = config.find(key).orElseThrow(() -> new AdapterException(file, "missing field \"" + key + "\""));
            if (!(v instanceof JsonNumber n) || n.value().signum() <= 0 || n.value().stripTrailingZeros().scale() > 0
                    || n.value().compareTo(BigDecimal.valueOf(1 << 20)) > 0) {
                throw new AdapterException(file, "field \"" + key + "\" must be a positive integer, found "
                        + (v instanceof JsonNumber n ? n.value().toPlainString() : v.kind()));
            }
            return n.value().intValueExact();
        }

        /** A non-negative number; {@code fallback} when absent or null, unless it is NaN (the field is required). */
        float number(String key, float fallback) {
            JsonValue v = config.find(key).orElse(JsonNull.INSTANCE);
            if (v == JsonNull.INSTANCE && !Float.isNaN(fallback)) {
                return fallback;
            }
            if (!(v instanceof JsonNumber n) || n.value().signum() < 0) {
                throw new AdapterException(file, "field \"" + key + "\" must be a non-negative number, found " + v.kind());
            }
            return n.value().floatValue();
        }

        /** The field, when present, must be {@code expected}; absent means PEFT's default, which is it. */
        void require(String key, JsonValue expected, String what) {
            JsonValue v = config.find(key).orElse(expected);
            if (!v.equals(expected)) {
                throw new AdapterException(file, "unsupported adapter option: need " + what + ", found \"" + key + "\": "
                        + JsonWriter.write(v));
            }
        }

        void requireEmpty(String key) {
            JsonValue v = config.find(key).orElse(JsonNull.INSTANCE);
            if (!(v == JsonNull.INSTANCE || v instanceof JsonObject o && o.members().isEmpty())) {
                throw new AdapterException(file, "unsupported adapter option: \"" + key + "\" must be empty (one rank and alpha"
                        + " for every module), found " + JsonWriter.write(v));
            }
        }

        Set<TargetModule> targetModules() {
            JsonValue v = config.find("target_modules").orElseThrow(() -> new AdapterException(file,
                    "missing field \"target_modules\""));
            List<JsonValue> names = switch (v) {
                case JsonArray a -> a.elements();
                case JsonString s -> List.of(s);
                default -> throw new AdapterException(file, "field \"target_modules\" must be a list of module names, found "
                        + v.kind());
            };
            Set<TargetModule> modules = EnumSet.noneOf(TargetModule.class);
            for (JsonValue n : names) {
                if (!(n instanceof JsonString s)) {
                    throw new AdapterException(file, "target_modules holds " + n.kind() + ", not a module name");
                }
                try {
                    modules.add(TargetModule.parse(s.value()));
                } catch (IllegalArgumentException e) {
                    throw new AdapterException(file, e.getMessage(), e);
                }
            }
            if (modules.isEmpty()) {
                throw new AdapterException(file, "target_modules is empty");
            }
            return modules;
        }
    }
}
