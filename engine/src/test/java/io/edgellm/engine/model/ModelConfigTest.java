package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {

    @TempDir
    Path dir;

    private ModelConfig read(Path path) {
        try (GGUFFile file = GGUFFile.open(path)) {
            return ModelConfig.from(file);
        }
    }

    @Test
    void llamaWithGroupedQueriesAndLlama3Scaling() {
        SyntheticSpec spec = SyntheticSpec.preset("llama3").tiny();
        ModelConfig c = read(TestModels.write(spec, dir));
        assertEquals(Architecture.LLAMA, c.architecture());
        assertEquals(RopeLayout.NORMAL, c.ropeLayout());
        assertEquals(3, c.blockCount());
        assertEquals(256, c.embeddingLength());
        assertEquals(512, c.feedForwardLength());
        assertEquals(4, c.headCount());
        assertEquals(1, c.headCountKv());
        assertEquals(64, c.keyLength());
        assertEquals(64, c.valueLength());
        assertEquals(64, c.ropeDimensions());
        assertEquals(500000f, c.ropeFreqBase());
        assertEquals(1f, c.ropeScale());
        assertEquals(1e-5f, c.normEpsilon());
        assertEquals(256, c.contextLength());
        assertEquals(320, c.vocabSize());
        assertTrue(c.ropeFrequencyFactors());
        assertTrue(c.tiedEmbeddings());
        assertFalse(c.qkvBias());
        assertEquals(256, c.queryWidth());
        assertEquals(64, c.keyWidth());
        assertEquals(64, c.valueWidth());
    }

    @Test
    void qwen2HasBiasAndNeoxRope() {
        ModelConfig c = read(TestModels.tiny("qwen2", dir));
        assertEquals(Architecture.QWEN2, c.architecture());
        assertEquals(RopeLayout.NEOX, c.ropeLayout());
        assertTrue(c.qkvBias());
        assertTrue(c.tiedEmbeddings());
        assertFalse(c.ropeFrequencyFactors());
        assertEquals(1e-6f, c.normEpsilon());
    }

    @Test
    void untiedLlamaWithMultiHeadAttention() {
        ModelConfig c = read(TestModels.tiny("llama2", dir));
        assertFalse(c.tiedEmbeddings());
        assertEquals(c.headCount(), c.headCountKv());
        assertFalse(c.ropeFrequencyFactors());
    }

    @Test
    void explicitHeadWidth() {
        ModelConfig c = read(TestModels.write(SyntheticSpec.preset("smollm").tiny().withHeadDim(96), dir));
        assertEquals(96, c.keyLength());
        assertEquals(96 * 4, c.queryWidth());
        assertEquals(96 * 4, c.attentionOutputWidth());
    }

    @Test
    void optionalKeysFallBackAsInLlamaCpp() {
        Path stripped = TestModels.rewrite(TestModels.tiny("llama2", dir), dir.resolve("stripped.gguf"), w -> w
                .remove("llama.vocab_size")
                .remove("llama.attention.head_count_kv")
                .remove("llama.rope.dimension_count")
                .remove("llama.rope.freq_base")
                .putFloat32("llama.rope.scale_linear", 2f), t -> true);
        ModelConfig c = read(stripped);
        assertEquals(320, c.vocabSize(), "from the tokens array");
        assertEquals(c.headCount(), c.headCountKv());
        assertEquals(64, c.ropeDimensions());
        assertEquals(10000f, c.ropeFreqBase());
        assertEquals(2f, c.ropeScale());
    }
}
