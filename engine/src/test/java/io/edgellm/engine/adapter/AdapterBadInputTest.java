package io.edgellm.engine.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.safetensors.DType;
import io.edgellm.engine.safetensors.SafetensorsWriter;
import io.edgellm.engine.train.LoraConfig;
import io.edgellm.engine.train.TargetModule;
import io.edgellm.engine.train.TrainableModel;
import io.edgellm.engine.train.ops.TestPool;
import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adapter files that are missing, malformed, unsupported or made for another base fail with a message naming the problem. */
class AdapterBadInputTest {

    private static final ModelConfig LLAMA = AdapterFixtures.config(Architecture.LLAMA);
    private static final String CONFIG = """
            {"peft_type": "LORA", "r": 4, "lora_alpha": 8, "target_modules": ["q_proj", "v_proj"], "bias": "none"}""";

    @TempDir
    Path tmp;

    @Test
    void missingFiles() throws IOException {
        assertFails(tmp.resolve("nowhere"), "no such file or directory");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertFails(empty, "adapter_config.json: no such file");
        Path onlyConfig = peft("only-config", CONFIG, null);
        assertFails(onlyConfig, "adapter_model.safetensors: no such file");
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertFails(text, "not an adapter: expected a GGUF LoRA file (.gguf) or a PEFT directory");
    }

    @Test
    void corruptConfigAndWeights() throws IOException {
        assertFails(peft("json", "{\"peft_type\": \"LORA\", \"r\": 4,", weights(4, 32, 32, "self_attn.q_proj")), "bad JSON at line 1");
        assertFails(peft("array", "[1, 2]", weights(4, 32, 32, "self_attn.q_proj")), "expected a JSON object, found an array");
        Path truncated = peft("truncated", CONFIG, weights(4, 32, 32, "self_attn.q_proj"));
        Path file = truncated.resolve(PeftAdapter.WEIGHTS);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 40));
        assertFails(truncated, "cannot read the adapter weights");
        assertFails(peft("rank-text", CONFIG.replace("\"r\": 4", "\"r\": \"four\""), weights(4, 32, 32, "self_attn.q_proj")),
                "field \"r\" must be a positive integer, found a string");
    }

    @Test
    void unsupportedKindsAndOptions() throws IOException {
        SafetensorsWriter q = weights(4, 32, 32, "self_attn.q_proj");
        assertFails(peft("prompt", CONFIG.replace("\"LORA\"", "\"PROMPT_TUNING\""), q), "only LORA adapters are supported");
        assertFails(peft("rslora", CONFIG.replace("}", ", \"use_rslora\": true}"), q), "use_rslora: false");
        assertFails(peft("bias", CONFIG.replace("\"none\"", "\"all\""), q), "bias: none");
        assertFails(peft("pattern", CONFIG.replace("}", ", \"rank_pattern\": {\"q_proj\": 8}}"), q), "\"rank_pattern\" must be empty");
    }

    @Test
    void unknownTargetModules() throws IOException {
        assertFails(peft("lm-head", CONFIG.replace("\"v_proj\"", "\"lm_head\""), weights(4, 32, 32, "self_attn.q_proj")),
                "unknown target module 'lm_head'");
        SafetensorsWriter embed = new SafetensorsWriter()
                .addFloats("base_model.model.model.embed_tokens.lora_A.weight", DType.F32, new long[] {4, 40}, new float[160])
                .addFloats("base_model.model.model.embed_tokens.lora_B.weight", DType.F32, new long[] {32, 4}, new float[128]);
        assertFails(peft("embed", CONFIG, embed), "unknown target module 'embed_tokens'");
        assertFails(peft("not-listed", CONFIG, weights(4, 32, 32, "mlp.up_proj")), "mlp.up_proj is not among the config's target_modules");
        assertFails(peft("embedding-lora", CONFIG, new SafetensorsWriter().addFloats(
                "base_model.model.model.embed_tokens.lora_embedding_A", DType.F32, new long[] {4, 40}, new float[160])),
                "is not a LoRA factor");
    }

    @Test
    void rankAndShapeMismatches() throws IOException {
        assertFails(peft("rank", CONFIG.replace("\"r\": 4", "\"r\": 8"), weights(4, 32, 32, "self_attn.q_proj")),
                "expected [8, in] and [out, 8] for rank r = 8");
        assertFails(peft("shape", CONFIG, weights(4, 48, 48, "self_attn.q_proj")), "is 48x48");
        SafetensorsWriter far = weights(4, 32, 32, "self_attn.q_proj");
        far.addFloats("base_model.model.model.layers.7.self_attn.q_proj.lora_A.weight", DType.F32, new long[] {4, 32}, new float[128]);
        far.addFloats("base_model.model.model.layers.7.self_attn.q_proj.lora_B.weight", DType.F32, new long[] {32, 4}, new float[128]);
        assertFails(peft("far", CONFIG, far), "changes block 7 but the base model has 2 blocks");
        SafetensorsWriter half = new SafetensorsWriter().addFloats("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
                DType.F32, new long[] {4, 32}, new float[128]);
        assertFails(peft("half", CONFIG, half), "has lora_A but no lora_B");
    }

    @Test
    void ggufAdaptersOfAnotherKindOrModel() throws IOException {
        Path good = tmp.resolve("good.gguf");
        GgufLoraAdapter.write(good, AdapterFixtures.randomLora(LLAMA, 4, 8f, 0, 1, TargetModule.Q, TargetModule.UP), LLAMA);
        assertFails(rewrite(good, "model.gguf", w -> w.putString("general.type", "model"), t -> true),
                "general.type is model, not adapter");
        assertFails(rewrite(good, "qwen.gguf", w -> w.putString("general.architecture", "qwen2"), t -> true),
                "an adapter of a qwen2 model cannot apply to a llama base");
        assertFails(rewrite(good, "half.gguf", w -> { }, t -> !t.name().equals("blk.1.ffn_up.weight.lora_b")),
                "'blk.1.ffn_up.weight' has lora_a but no lora_b");
        assertFails(rewrite(good, "qkv.gguf", w -> w.addTensor("blk.0.attn_qkv.weight.lora_a", GGMLType.F32,
                new long[] {32, 4}, TensorData.ofFloats(new float[128])), t -> true), "unknown target module 'attn_qkv'");
        Path truncated = tmp.resolve("truncated.gguf");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertFails(truncated, "cannot read the adapter");
        ModelConfig other = new ModelConfig(null, Architecture.LLAMA, 2, 64, 64, 4, 2, 16, 16, 1e-5f, 10000f, 16, 1f, false, 64,
                AdapterFixtures.VOCAB, false, true);
        AdapterException e = assertThrows(AdapterException.class, () -> LoraFiles.read(good, other));
        assertTrue(e.getMessage().contains("but the base projection is 64x64"), e.getMessage());
    }

    @Test
    void loadingIntoAModelOfAnotherRankChangesNothing() throws IOException {
        Path base = AdapterFixtures.writeBase(tmp, LLAMA, 41);
        LoraWeights rank4 = AdapterFixtures.randomLora(LLAMA, 4, 8f, 0, 42, TargetModule.Q);
        try (GGUFFile file = GGUFFile.open(base)) {
            TrainableModel rank8 = TrainableModel.fromGguf(file, LoraConfig.of(8, 16, "q"), 1, TestPool.POOL);
            float[] before = rank8.lora(1, TargetModule.Q).a().value().clone();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rank4.loadInto(rank8));
            assertTrue(e.getMessage().contains("has rank 4") && e.getMessage().contains("the model's 8"), e.getMessage());
            assertArrayEquals(before, rank8.lora(1, TargetModule.Q).a().value());
            TrainableModel onV = TrainableModel.fromGguf(file, LoraConfig.of(4, 8, "v"), 1, TestPool.POOL);
            e = assertThrows(IllegalArgumentException.class, () -> rank4.loadInto(onV));
            assertTrue(e.getMessage().contains("has a LoRA update of blk.0.attn_q.weight but the model does not"), e.getMessage());
        }
    }

    private void assertFails(Path adapter, String expected) {
        AdapterException e = assertThrows(AdapterException.class, () -> LoraFiles.read(adapter, LLAMA));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains(tmp.toString()), "names the file: " + e.getMessage());
    }

    private Path peft(String name, String config, SafetensorsWriter weights) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve(PeftAdapter.CONFIG), config);
        if (weights != null) {
            weights.write(dir.resolve(PeftAdapter.WEIGHTS));
        }
        return dir;
    }

    /** Rank-{@code rank} factors of layer 0's {@code module} with the given widths. */
    private static SafetensorsWriter weights(int rank, int in, int out, String module) {
        String p = "base_model.model.model.layers.0." + module;
        return new SafetensorsWriter()
                .addFloats(p + ".lora_A.weight", DType.F32, new long[] {rank, in}, new float[rank * in])
                .addFloats(p + ".lora_B.weight", DType.F32, new long[] {out, rank}, new float[out * rank]);
    }

    private Path rewrite(Path source, String name, Consumer<GGUFWriter> edit, Predicate<GGUFTensorInfo> keep) throws IOException {
        Path target = tmp.resolve(name);
        try (GGUFFile in = GGUFFile.open(source)) {
            GGUFWriter w = new GGUFWriter().putAll(in.metadata());
            for (GGUFTensorInfo t : in.tensorInfos()) {
                if (keep.test(t)) {
                    w.addTensor(t.name(), t.type(), t.shape(), TensorData.of(in.tensorData(t)));
                }
            }
            edit.accept(w);
            w.write(target);
        }
        return target;
    }
}
