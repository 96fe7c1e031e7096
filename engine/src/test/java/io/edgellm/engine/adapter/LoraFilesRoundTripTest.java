package io.edgellm.engine.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.json.JsonParser;
import io.edgellm.engine.json.JsonValue;
import io.edgellm.engine.json.JsonValue.JsonObject;
import io.edgellm.engine.json.JsonWriter;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.safetensors.SafetensorsFile;
import io.edgellm.engine.train.LoraConfig;
import io.edgellm.engine.train.TargetModule;
import io.edgellm.engine.train.TrainableModel;
import io.edgellm.engine.train.ops.TestPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both adapter layouts write what they read, and a trained adapter survives the trip into another model. */
class LoraFilesRoundTripTest {

    private static final ModelConfig LLAMA = AdapterFixtures.config(Architecture.LLAMA);

    @TempDir
    Path tmp;

    @Test
    void peftAndGgufRoundTripEveryFactorExactly() throws IOException {
        LoraWeights lora = AdapterFixtures.randomLora(LLAMA, 4, 8f, 0, 11, TargetModule.values());
        for (Path path : List.of(tmp.resolve("peft"), tmp.resolve("lora.gguf"))) {
            LoraFiles.write(path, lora, LLAMA);
            LoraWeights back = LoraFiles.read(path, LLAMA);
            assertEquals(lora.tensors().size(), back.tensors().size(), path.toString());
            for (LoraTensors t : lora.tensors()) {
                LoraTensors r = back.find(t.block(), t.module());
                assertArrayEquals(t.a(), r.a(), t.baseTensor());
                assertArrayEquals(t.b(), r.b(), t.baseTensor());
                assertEquals(2f, back.scale(r), "alpha / rank");
            }
            assertEquals("fixture-base", back.baseModel());
        }
        assertEquals(0.05f, LoraFiles.read(tmp.resolve("peft"), LLAMA).dropout(), "PEFT keeps lora_dropout");
    }

    @Test
    void peftFilesAreInHuggingFaceLayout() throws IOException {
        LoraWeights lora = AdapterFixtures.randomLora(LLAMA, 4, 16f, 1, 12, TargetModule.Q, TargetModule.K, TargetModule.V);
        Path dir = tmp.resolve("peft");
        PeftAdapter.write(dir, lora, LLAMA);
        JsonObject config = (JsonObject) JsonParser.parse(Files.readString(dir.resolve(PeftAdapter.CONFIG)));
        assertEquals("\"LORA\"", field(config, "peft_type"));
        assertEquals("\"CAUSAL_LM\"", field(config, "task_type"));
        assertEquals("4", field(config, "r"));
        assertEquals("16.0", field(config, "lora_alpha"));
        assertEquals("[\"q_proj\",\"k_proj\",\"v_proj\"]", field(config, "target_modules"));
        assertEquals("[1]", field(config, "layers_to_transform"), "block 0 has no adapter");
        assertEquals("\"none\"", field(config, "bias"));
        assertEquals("false", field(config, "fan_in_fan_out"));
        try (SafetensorsFile st = SafetensorsFile.open(dir.resolve(PeftAdapter.WEIGHTS))) {
            String q = "base_model.model.model.layers.1.self_attn.q_proj.";
            assertArrayEquals(new long[] {4, 32}, st.tensor(q + "lora_A.weight").shape());
            assertArrayEquals(new long[] {32, 4}, st.tensor(q + "lora_B.weight").shape());
            assertEquals(6, st.tensors().size());
            float[] ggufB = lora.find(1, TargetModule.Q).b();
            float[] hfB = st.floats(q + "lora_B.weight");
            // Head 0's GGUF row 1 (pair 0, second half) is Hugging Face row d/2 = 4; rank 4 values per row.
            assertArrayEquals(Arrays.copyOfRange(ggufB, 4, 8), Arrays.copyOfRange(hfB, 16, 20));
            assertFalse(Arrays.equals(ggufB, hfB), "q rows are permuted");
            float[] kHf = st.floats("base_model.model.model.layers.1.self_attn.k_proj.lora_B.weight");
            assertArrayEquals(QkPermutation.toHuggingFace(lora.find(1, TargetModule.K).b(), 16, 4, 2), kHf,
                    "k is permuted over the key/value heads");
            assertArrayEquals(lora.find(1, TargetModule.V).b(), st.floats("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"),
                    "v keeps its rows");
        }
    }

    @Test
    void qwen2KeepsTheNeoxRowOrder() throws IOException {
        ModelConfig qwen = AdapterFixtures.config(Architecture.QWEN2);
        LoraWeights lora = AdapterFixtures.randomLora(qwen, 2, 4f, 0, 13, TargetModule.Q, TargetModule.K);
        Path dir = tmp.resolve("qwen");
        PeftAdapter.write(dir, lora, qwen);
        try (SafetensorsFile st = SafetensorsFile.open(dir.resolve(PeftAdapter.WEIGHTS))) {
            assertArrayEquals(lora.find(0, TargetModule.Q).b(),
                    st.floats("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight"));
        }
    }

    @Test
    void ggufLoraHasLlamaCppMetadataAndShapes() throws IOException {
        LoraWeights lora = AdapterFixtures.randomLora(LLAMA, 4, 8f, 0, 14, TargetModule.V, TargetModule.DOWN);
        Path file = tmp.resolve("a.gguf");
        GgufLoraAdapter.write(file, lora, LLAMA);
        try (GGUFFile f = GGUFFile.open(file)) {
            assertEquals("adapter", f.metadata().getString("general.type"));
            assertEquals("lora", f.metadata().getString("adapter.type"));
            assertEquals("llama", f.metadata().getString("general.architecture"));
            assertEquals(8f, f.metadata().getFloat("adapter.lora.alpha"));
            assertArrayEquals(new long[] {32, 4}, f.tensor("blk.0.attn_v.weight.lora_a").shape(), "ne = [in, rank]");
            assertArrayEquals(new long[] {4, 16}, f.tensor("blk.0.attn_v.weight.lora_b").shape(), "ne = [rank, out]");
            assertArrayEquals(new long[] {64, 4}, f.tensor("blk.1.ffn_down.weight.lora_a").shape());
            assertArrayEquals(new long[] {4, 32}, f.tensor("blk.1.ffn_down.weight.lora_b").shape());
        }
    }

    @Test
    void aTrainedAdapterLoadsIntoAFreshModelWithTheSameLogits() throws IOException {
        Path base = AdapterFixtures.writeBase(tmp, LLAMA, 3);
        try (GGUFFile file = GGUFFile.open(base)) {
            TrainableModel trained = TrainableModel.fromGguf(file, LoraConfig.of(4, 8, "q", "k", "o", "up").withFreezingRatio(0.5),
                    5, TestPool.POOL);
            for (TargetModule m : List.of(TargetModule.Q, TargetModule.K, TargetModule.O, TargetModule.UP)) {
                float[] b = trained.lora(1, m).b().value();
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) Math.sin(i + m.ordinal());
                }
            }
            LoraWeights lora = LoraWeights.of(trained, "base.gguf");
            int[] tokens = AdapterFixtures.tokens(12, 1);
            float[] expected = trained.logits(tokens);
            for (Path path : List.of(tmp.resolve("peft"), tmp.resolve("a.gguf"))) {
                LoraFiles.write(path, lora, LLAMA);
                TrainableModel fresh = AdapterFixtures.withLora(file, LoraFiles.read(path, LLAMA));
                assertArrayEquals(expected, fresh.logits(tokens), path.toString());
            }
            assertEquals(Set.of(1), lora.blocks(), "a freezing ratio of 0.5 leaves block 0 without adapters");
        }
    }

    private static String field(JsonObject o, String key) {
        JsonValue v = o.find(key).orElseThrow();
        return JsonWriter.write(v);
    }
}
