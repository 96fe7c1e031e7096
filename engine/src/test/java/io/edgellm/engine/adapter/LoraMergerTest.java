package io.edgellm.engine.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.quantize.ModelQuantizer;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.train.TargetModule;
import io.edgellm.engine.train.ops.TestPool;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A merged model computes what its base and adapter compute together, in the types asked for. */
class LoraMergerTest {

    private static final ModelConfig LLAMA = AdapterFixtures.config(Architecture.LLAMA);
    private static final int[] TOKENS = AdapterFixtures.tokens(14, 4);

    @TempDir
    Path tmp;

    @Test
    void mergedF32ModelGivesTheLogitsOfBasePlusAdapter() throws IOException {
        for (Architecture arch : Architecture.values()) {
            ModelConfig c = AdapterFixtures.config(arch);
            Path base = AdapterFixtures.writeBase(tmp, c, 31);
            LoraWeights lora = AdapterFixtures.randomLora(c, 4, 8f, 1, 32, TargetModule.values());
            Path merged = tmp.resolve(arch + "-merged.gguf");
            assertEquals(7, LoraMerger.merge(base, lora, merged, GGMLType.F32));
            try (GGUFFile b = GGUFFile.open(base); GGUFFile m = GGUFFile.open(merged)) {
                float[] expected = AdapterFixtures.withLora(b, lora).logits(TOKENS);
                float[] actual = Shard.whole(m, TestPool.POOL).forward(TOKENS, 0, Shard.Outputs.ALL);
                assertClose(expected, actual, 2e-5, arch + " merged");
                float[] baseOnly = Shard.whole(b, TestPool.POOL).forward(TOKENS, 0, Shard.Outputs.ALL);
                assertTrue(relativeError(expected, baseOnly) > 1e-2, "the adapter changes the function");
                assertEquals(b.metadata().getString("general.architecture"), m.metadata().getString("general.architecture"));
                assertArrayEquals(b.tensorData("blk.0.attn_q.weight").toArray(ValueLayout.JAVA_BYTE),
                        m.tensorData("blk.0.attn_q.weight").toArray(ValueLayout.JAVA_BYTE),
                        "block 0 has no adapter and is copied");
            }
        }
    }

    @Test
    void quantizedBaseMergesIntoF16ByDefaultAndCopiesTheRest() throws IOException {
        Path f32 = AdapterFixtures.writeBase(tmp, LLAMA, 33);
        Path q8 = tmp.resolve("q8.gguf");
        ModelQuantizer.quantize(f32, q8, QuantizationScheme.Q8_0, TestPool.POOL, (t, i, n) -> { });
        LoraWeights lora = AdapterFixtures.randomLora(LLAMA, 2, 4f, 0, 34, TargetModule.Q, TargetModule.DOWN);
        Path merged = tmp.resolve("merged.gguf");
        LoraMerger.merge(q8, lora, merged, null);
        try (GGUFFile b = GGUFFile.open(q8); GGUFFile m = GGUFFile.open(merged)) {
            for (GGUFTensorInfo t : m.tensorInfos()) {
                boolean adapted = t.name().endsWith("attn_q.weight") || t.name().endsWith("ffn_down.weight");
                assertEquals(adapted ? GGMLType.F16 : b.tensor(t.name()).type(), t.type(), t.name());
            }
            float[] expected = AdapterFixtures.withLora(b, lora).logits(TOKENS);
            float[] actual = Shard.whole(m, TestPool.POOL).forward(TOKENS, 0, Shard.Outputs.ALL);
            assertClose(expected, actual, 5e-3, "Q8_0 base merged into F16");
        }
    }

    @Test
    void aRequestedTypeAppliesToEveryMatrix() throws IOException {
        Path base = AdapterFixtures.writeBase(tmp, LLAMA, 35);
        LoraWeights lora = AdapterFixtures.randomLora(LLAMA, 2, 4f, 0, 36, TargetModule.V);
        Path merged = tmp.resolve("q8.gguf");
        LoraMerger.merge(base, lora, merged, GGMLType.Q8_0);
        try (GGUFFile m = GGUFFile.open(merged)) {
            for (GGUFTensorInfo t : m.tensorInfos()) {
                assertEquals(t.dimensions() == 2 ? GGMLType.Q8_0 : GGMLType.F32, t.type(), t.name());
            }
            assertFalse(m.metadata().containsKey("general.file_type"));
        }
    }

    @Test
    void eachProjectionIsScaledByAlphaOverItsOwnRank() throws IOException {
        Path base = AdapterFixtures.writeBase(tmp, LLAMA, 40);
        LoraTensors v = AdapterFixtures.randomLora(LLAMA, 2, 8f, 0, 41, TargetModule.V).find(0, TargetModule.V);
        LoraTensors up = AdapterFixtures.randomLora(LLAMA, 4, 8f, 0, 42, TargetModule.UP).find(0, TargetModule.UP);
        LoraWeights mixed = new LoraWeights(8f, 0f, null, java.util.List.of(v, up));
        Path merged = tmp.resolve("mixed.gguf");
        LoraMerger.merge(base, mixed, merged, GGMLType.F32);
        try (GGUFFile b = GGUFFile.open(base); GGUFFile m = GGUFFile.open(merged)) {
            for (LoraTensors t : mixed.tensors()) {
                float[] before = b.tensorData(t.baseTensor()).toArray(ValueLayout.JAVA_FLOAT);
                float[] after = m.tensorData(t.baseTensor()).toArray(ValueLayout.JAVA_FLOAT);
                double scale = 8.0 / t.rank();
                for (int o = 0; o < t.out(); o++) {
                    for (int i = 0; i < t.in(); i++) {
                        double delta = 0;
                        for (int r = 0; r < t.rank(); r++) {
                            delta += (double) t.b()[o * t.rank() + r] * t.a()[r * t.in() + i];
                        }
                        assertEquals(before[o * t.in() + i] + scale * delta, after[o * t.in() + i], 1e-5, t.baseTensor());
                    }
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, mixed::rank);
        assertTrue(e.getMessage().contains("different ranks [2, 4]"), e.getMessage());
    }

    @Test
    void badRequestsLeaveNoOutput() throws IOException {
        Path base = AdapterFixtures.writeBase(tmp, LLAMA, 37);
        byte[] before = Files.readAllBytes(base);
        LoraWeights lora = AdapterFixtures.randomLora(LLAMA, 2, 4f, 0, 38, TargetModule.V);
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> LoraMerger.merge(base, lora, base, null));
        assertTrue(same.getMessage().contains("overwrite the base"), same.getMessage());
        assertArrayEquals(before, Files.readAllBytes(base));

        Path out = tmp.resolve("out.gguf");
        IllegalArgumentException blocks = assertThrows(IllegalArgumentException.class,
                () -> LoraMerger.merge(base, lora, out, GGMLType.Q4_K));
        assertTrue(blocks.getMessage().contains("not whole blocks"), blocks.getMessage());
        ModelConfig wider = new ModelConfig(null, Architecture.LLAMA, 2, 64, 64, 4, 2, 16, 16, 1e-5f, 10000f, 16, 1f, false, 64,
                AdapterFixtures.VOCAB, false, true);
        LoraWeights foreign = AdapterFixtures.randomLora(wider, 2, 4f, 0, 39, TargetModule.V);
        AdapterException misfit = assertThrows(AdapterException.class, () -> LoraMerger.merge(base, foreign, out, null));
        assertTrue(misfit.getMessage().contains("LoRA of blk.0.attn_v.weight is 32x64"), misfit.getMessage());
        assertFalse(Files.exists(out));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        double error = relativeError(expected, actual);
        assertTrue(error < tolerance, what + ": max error " + error + " relative to the largest logit");
    }

    private static double relativeError(float[] expected, float[] actual) {
        double[] e = new double[expected.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = expected[k];
        }
        return AdapterFixtures.relativeError(e, actual);
    }
}
