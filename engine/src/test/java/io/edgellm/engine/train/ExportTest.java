package io.edgellm.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.model.SyntheticModel;
import io.edgellm.engine.model.SyntheticSpec;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.TestPool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.Quantizer;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.Tokenizers;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Trained weights written as GGUF load into the inference engine and give the training forward's logits. */
class ExportTest {

    static final ComputePool pool = TestPool.POOL;

    @TempDir
    Path dir;

    private Path synthetic(String preset) throws IOException {
        Path path = dir.resolve(preset + ".gguf");
        SyntheticModel.write(SyntheticSpec.preset(preset).tiny(), QuantizationScheme.F32, 5, path);
        return path;
    }

    private static void train(TrainableModel model, int steps) {
        int vocab = model.config().vocabSize();
        int[] corpus = new SplittableRandom(1).ints(400, 0, vocab).toArray();
        Trainer t = new Trainer(model, Trainer.Settings.defaults(LearningRateSchedule.constant(1e-2)), new RandomWindows(corpus, 2, 16, 3));
        for (int i = 0; i < steps; i++) {
            t.step();
        }
    }

    private static void assertShardAgrees(TrainableModel model, Path saved) {
        int[] tokens = new SplittableRandom(2).ints(24, 0, model.config().vocabSize()).toArray();
        try (GGUFFile file = GGUFFile.open(saved)) {
            float[] expected = model.logits(tokens);
            float[] actual = Shard.whole(file, pool).forward(tokens, 0, Shard.Outputs.ALL);
            InferenceAgreementTest.assertClose(expected, actual, saved.getFileName().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama2", "qwen2", "llama3"})
    void fineTunedModelsLoadIntoShards(String preset) throws IOException {
        Path base = synthetic(preset);
        try (GGUFFile file = GGUFFile.open(base)) {
            for (double freeze : new double[] {0, 0.5}) {
                TrainableModel model = TrainableModel.fromGguf(file, new FullTraining(freeze), 1, pool);
                float[] before = model.logits(new int[] {5, 6, 7});
                train(model, 2);
                assertFalse(java.util.Arrays.equals(before, model.logits(new int[] {5, 6, 7})), "training changed the model");
                Path saved = dir.resolve(preset + "-" + freeze + ".gguf");
                model.saveGguf(saved, GGMLType.F32, file.metadata());
                assertShardAgrees(model, saved);
            }
        }
    }

    @Test
    void pretrainedModelCarriesTheTokenizer() throws IOException {
        Path base = synthetic("smollm");
        try (GGUFFile file = GGUFFile.open(base)) {
            ModelConfig config = ModelConfig.from(file);
            TrainableModel model = TrainableModel.initialize(config, null, FullTraining.all(), 9, pool);
            train(model, 3);
            Path saved = dir.resolve("pretrained.gguf");
            model.saveGguf(saved, GGMLType.F32, file.metadata());
            assertShardAgrees(model, saved);
            try (GGUFFile out = GGUFFile.open(saved)) {
                Tokenizer expected = Tokenizers.fromMetadata(file.metadata());
                Tokenizer actual = Tokenizers.fromMetadata(out.metadata());
                assertArrayEquals(expected.encode("hello world", true, false), actual.encode("hello world", true, false));
                ModelConfig read = ModelConfig.from(out);
                assertEquals(Checkpoint.modelFields(config), Checkpoint.modelFields(read));
                assertEquals(config.contextLength(), read.contextLength());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GGMLType.class, names = {"Q8_0", "Q4_0", "Q6_K"})
    void quantizedExportsHoldTheQuantizedTrainedWeights(GGMLType type) throws IOException {
        Path base = synthetic("qwen2");
        try (GGUFFile file = GGUFFile.open(base)) {
            TrainableModel model = TrainableModel.fromGguf(file, FullTraining.all(), 1, pool);
            train(model, 2);
            Path saved = dir.resolve("trained-" + type + ".gguf");
            model.saveGguf(saved, type, file.metadata());
            try (GGUFFile out = GGUFFile.open(saved)) {
                assertEquals(type, out.tensor("blk.0.ffn_down.weight").type());
                assertEquals(GGMLType.F32, out.tensor("blk.0.attn_q.bias").type());
                // The quantized file read back for training computes what inference computes on it.
                assertShardAgrees(TrainableModel.fromGguf(out, LoraConfig.of(2, 2, "q"), 1, pool), saved);
                // Each matrix is the trained values through the type's quantizer, byte for byte.
                for (Parameter p : model.trainableParameters()) {
                    if (p.rows() > 1) {
                        MemorySegment expected = MemorySegment.ofArray(new byte[(int) type.bytesFor(p.size())]);
                        Quantizer.forType(type).quantize(p.value(), 0, p.size(), expected, 0);
                        assertEquals(-1, expected.mismatch(out.tensorData(p.name())), p.name());
                    }
                }
            }
        }
    }

    @Test
    void adaptersAndMismatchedTokenizersAreRefusedWithoutWritingAFile() throws IOException {
        Path base = synthetic("llama2");
        try (GGUFFile file = GGUFFile.open(base)) {
            Path target = dir.resolve("refused.gguf");
            TrainableModel lora = TrainableModel.fromGguf(file, LoraConfig.of(4, 8, "q"), 1, pool);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> lora.saveGguf(target, GGMLType.F32, file.metadata()));
            assertTrue(e.getMessage().contains("trains adapters that a GGUF model file cannot hold"), e.getMessage());

            ModelConfig c = ModelConfig.from(file);
            ModelConfig bigger = new ModelConfig(null, c.architecture(), 1, c.embeddingLength(), c.feedForwardLength(), c.headCount(),
                    c.headCountKv(), c.keyLength(), c.valueLength(), c.normEpsilon(), c.ropeFreqBase(), c.ropeDimensions(),
                    c.ropeScale(), false, c.contextLength(), c.vocabSize() + 1, c.qkvBias(), c.tiedEmbeddings());
            TrainableModel other = TrainableModel.initialize(bigger, null, FullTraining.all(), 1, pool);
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                    () -> other.saveGguf(target, GGMLType.F32, file.metadata()));
            assertEquals("the tokenizer has 320 tokens but the model's vocabulary has 321", e2.getMessage());
            assertFalse(Files.exists(target));
        }
    }
}
