package io.edgellm.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.AttentionShape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark's accounting on a small shape, and issue 4's throughput target on the real one. */
class TrainingBenchmarkTest {

    static final TrainingBenchmark.Options SMALL = new TrainingBenchmark.Options(64, 2, 2, 1, 128, 300, 32, 2, 1, 2, 2,
            QuantizationScheme.Q4_0);

    /** FLOPs of a full-training step from the model's shape: 6 per weight per token plus causal attention three times over. */
    static long expectedFullTrainingFlops(ModelConfig c, int sequences, int length) {
        long n = (long) sequences * length;
        long perBlock = (long) c.embeddingLength() * (c.queryWidth() + c.keyWidth() + c.valueWidth())
                + (long) c.attentionOutputWidth() * c.embeddingLength() + 3L * c.embeddingLength() * c.feedForwardLength();
        long weights = c.blockCount() * perBlock + (long) c.vocabSize() * c.embeddingLength();
        AttentionShape shape = new AttentionShape(sequences, length, c.headCount(), c.headCountKv(), c.keyLength(), c.valueLength());
        return 6 * weights * n + 3 * c.blockCount() * shape.forwardFlops();
    }

    @Test
    void countsFlopsAsRunAndMemoryOfBothConfigurations() {
        TrainingBenchmark.Result r = TrainingBenchmark.run(SMALL);
        assertEquals(expectedFullTrainingFlops(SMALL.config(), 2, 32), r.flopsPerStep());
        assertEquals(64, r.tokensPerStep());
        assertTrue(r.trainingGflops() > 0 && r.inferenceGflops() > 0 && r.tokensPerSecond() > 0);
        MemoryReport full = r.full().counted();
        MemoryReport lora = r.lora().counted();
        assertEquals(0, full.mappedWeightBytes());
        assertEquals(full.parameterBytes(), full.gradientBytes(), "full training: a gradient per value");
        assertEquals(2 * full.gradientBytes(), full.optimizerBytes());
        assertTrue(lora.mappedWeightBytes() > 0 && lora.gradientBytes() < full.gradientBytes() / 4, lora.toString());
        assertTrue(lora.heapBytes() < full.heapBytes());
        assertTrue(r.lora().retainedHeapBytes() < r.full().retainedHeapBytes(), r.table());
        assertTrue(r.table().contains("ratio:"), r.table());
    }

    @Test
    void loraFlopsSkipFrozenWeightGradients() {
        ModelConfig c = SMALL.config();
        try (ComputePool pool = new ComputePool(1)) {
            TrainableModel full = TrainableModel.initialize(c, null, FullTraining.all(), 1, pool);
            TrainableModel lora = TrainableModel.initialize(c, null, LoraConfig.of(4, 8, "q"), 1, pool);
            Batch batch = TinyModels.batch(2, 32, c.vocabSize(), 1);
            long fullFlops = full.accumulateGradients(batch, 1f, 0f, 0).flops();
            long loraFlops = lora.accumulateGradients(batch, 1f, 0f, 0).flops();
            assertEquals(expectedFullTrainingFlops(c, 2, 32), fullFlops);
            assertTrue(loraFlops < fullFlops * 3 / 4, loraFlops + " vs " + fullFlops);
        }
    }

    /** Issue 4's target on its base model; timing on a shared machine varies, so the steps alternate with the reference. */
    @Tag("slow")
    @Test
    void trainingReachesHalfTheInferenceMatMulRate() {
        TrainingBenchmark.Result r = TrainingBenchmark.run(TrainingBenchmark.Options.defaults());
        assertTrue(r.ratio() >= 0.5, r.table());
    }
}
