package io.edgellm.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.TestPool;
import io.edgellm.engine.train.ops.Activation;
import org.junit.jupiter.api.Test;

/** The parameter-efficient methods start from the base model's function and expose their matrices by block and module. */
class PeftTest {

    static final ComputePool pool = TestPool.POOL;

    static TrainableModel model(TrainingMethod method) {
        return TrainableModel.initialize(TinyModels.llama(), null, method, 4, pool);
    }

    @Test
    void loraAndAdaptersStartAsTheIdentityAndSoftPromptsChangeTheOutput() {
        int[] tokens = {3, 1, 4, 1, 5};
        float[] base = model(FullTraining.all()).logits(tokens);
        assertArrayEquals(base, model(LoraConfig.of(4, 8, "q", "k", "v", "o", "gate", "up", "down")).logits(tokens));
        assertArrayEquals(base, model(new AdapterConfig(6, Activation.GELU)).logits(tokens));
        float[] prompted = model(new PromptTuningConfig(2)).logits(tokens);
        assertEquals(base.length, prompted.length);
        assertFalse(java.util.Arrays.equals(base, prompted), "real tokens attend to the virtual ones");
    }

    @Test
    void loraMatricesByBlockAndModuleWithPeftShapes() {
        ModelConfig c = TinyModels.llama();
        TrainableModel model = model(LoraConfig.of(4, 8, "q", "down").withFreezingRatio(0.5));
        LoraAdapter q = model.lora(1, TargetModule.Q);
        assertEquals(4, q.rank());
        assertEquals(2f, q.scale());
        assertEquals(4, q.a().rows());
        assertEquals(c.embeddingLength(), q.a().cols());
        assertEquals(c.queryWidth(), q.b().rows());
        assertEquals(4, q.b().cols());
        assertEquals("blk.1.attn_q.weight.lora_a", q.a().name());
        assertEquals("blk.1.ffn_down.weight.lora_b", model.lora(1, TargetModule.DOWN).b().name());
        assertEquals(c.embeddingLength(), model.lora(1, TargetModule.DOWN).b().rows());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.lora(0, TargetModule.Q));
        assertTrue(e.getMessage().startsWith("block 0 has no LoRA adapter on q"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.lora(1, TargetModule.V));
        assertNull(model.block(1).projection(TargetModule.Q).weightParameter().gradient(), "the base stays frozen");
    }

    @Test
    void loadingAdaptersChecksRankAndShapesBeforeChangingAnything() {
        TrainableModel model = model(LoraConfig.of(4, 8, "v"));
        LoraAdapter v = model.lora(0, TargetModule.V);
        float[] before = v.a().value().clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.load(new float[8 * 16], 8, 16, new float[8 * 8], 8, 8));
        assertEquals("adapter rank 8 (lora_A 8x16, lora_B 8x8) does not match rank 4 of 'blk.0.attn_v.weight.lora_a'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> v.load(new float[4 * 32], 4, 32, new float[8 * 4], 8, 4));
        assertEquals("'blk.0.attn_v.weight.lora_a' is 4x16, cannot load 4x32", e.getMessage());
        assertArrayEquals(before, v.a().value());
        float[] a = new float[4 * 16];
        float[] b = new float[8 * 4];
        a[3] = 1f;
        b[5] = 2f;
        v.load(a, 4, 16, b, 8, 4);
        assertArrayEquals(a, v.a().value());
        assertArrayEquals(b, v.b().value());
    }

    @Test
    void adapterAndPromptParametersAreNamedAndShaped() {
        TrainableModel adapters = model(new AdapterConfig(6, Activation.RELU));
        BottleneckAdapter first = adapters.block(0).adapter();
        assertEquals("blk.0.adapter.down.weight", first.down().name());
        assertEquals(6, first.down().out());
        assertEquals(16, first.up().out());
        assertArrayEquals(new float[16 * 6], first.up().weightParameter().value(), "up starts at zero");
        SoftPrompt prompt = model(new PromptTuningConfig(3)).prompt();
        assertEquals(3, prompt.virtualTokens());
        assertEquals(SoftPrompt.NAME, prompt.embeddings().name());
        assertEquals(16, prompt.embeddings().cols());
    }
}
