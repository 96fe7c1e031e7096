package io.edgellm.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.model.SyntheticModel;
import io.edgellm.engine.model.SyntheticSpec;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.Activation;
import io.edgellm.engine.train.ops.TestPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameter-efficient training over a quantized base that stays in its stored type (QLoRA): the
 * forward pass agrees with the inference engine on the same file, gradients through the frozen
 * quantized matrices agree with central differences of the float64 reference (which dequantizes
 * the same matrices), and the memory is the quantized size.
 */
class QuantizedBaseTest {

    static final ComputePool pool = TestPool.POOL;

    /** Width 32 (one Q4_0/Q8_0 block), 2 blocks, 4 heads of 8 sharing 2, FFN 64, the smallest synthetic vocabulary. */
    static final SyntheticSpec SMALL = new SyntheticSpec("small", Architecture.QWEN2, 32, 2, 4, 2, 8, 64,
            SyntheticSpec.MIN_VOCAB, 64, false, 10000f, null, 1e-6f);

    @TempDir
    Path dir;

    private Path write(SyntheticSpec spec, QuantizationScheme scheme, long seed) throws IOException {
        Path path = dir.resolve(spec.name() + "-" + scheme + ".gguf");
        SyntheticModel.write(spec, scheme, seed, path);
        return path;
    }

    @ParameterizedTest
    @EnumSource(value = QuantizationScheme.class, names = {"Q8_0", "Q4_0", "Q4_K_M"})
    void loraOnAQuantizedBaseMatchesInferenceAndStaysMapped(QuantizationScheme scheme) throws IOException {
        SyntheticSpec spec = SyntheticSpec.preset("llama3").tiny();
        Path file = write(spec, scheme, 3);
        int[] tokens = new SplittableRandom(4).ints(16, 0, spec.vocabSize()).toArray();
        try (GGUFFile gguf = GGUFFile.open(file)) {
            float[] expected = Shard.whole(gguf, pool).forward(tokens, 0, Shard.Outputs.ALL);
            TrainableModel model = TrainableModel.fromGguf(gguf, LoraConfig.of(4, 8, "q", "k", "v", "o", "gate", "up", "down"),
                    1, pool);
            InferenceAgreementTest.assertClose(expected, model.logits(tokens), scheme.toString());
            long stored = 0;
            for (GGUFTensorInfo t : gguf.tensorInfos()) {
                if (t.dimensions() == 2) {
                    stored += t.byteSize();
                }
            }
            assertEquals(stored, model.mappedWeightBytes(), "every matrix stays mapped, the tied embedding once");
            assertEquals(scheme.base(), model.block(1).projection(TargetModule.Q).weight().type());
        }
    }

    static Stream<TrainingMethod> methods() {
        return Stream.of(
                LoraConfig.of(2, 4, "q", "k", "v", "o", "gate", "up", "down"),
                LoraConfig.of(3, 3, "v", "up").withFreezingRatio(0.5),
                new AdapterConfig(4, Activation.SILU),
                new PromptTuningConfig(2));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void gradientsThroughQuantizedFrozenWeights(TrainingMethod method) throws IOException {
        Path file = write(SMALL, QuantizationScheme.Q4_0, 5);
        try (GGUFFile gguf = GGUFFile.open(file)) {
            TrainableModel model = TrainableModel.fromGguf(gguf, method, 7, pool);
            for (Parameter p : model.trainableParameters()) {
                // Away from zero, so that LoRA B and adapter up do not hide the gradients behind them.
                float[] v = p.value();
                SplittableRandom r = new SplittableRandom(p.name().hashCode());
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.3 * r.nextGaussian());
                }
            }
            assertTrue(model.mappedWeightBytes() > 0);
            ModelGradientTest.check(model);
        }
    }

    @Test
    void loraOnQ4_0HoldsLessThanFullFineTuningOfTheF32Model() {
        TrainingBenchmark.Result r = TrainingBenchmark.run(TrainingBenchmarkTest.SMALL.withLoraBase(QuantizationScheme.Q4_0));
        MemoryReport full = r.full().counted();
        MemoryReport lora = r.lora().counted();
        assertTrue(lora.mappedWeightBytes() * 4 < full.parameterBytes(), "Q4_0 blocks, Q8_0 where rows are too short: " + r.table());
        assertTrue(lora.totalBytes() < full.totalBytes(), r.table());
        assertTrue(r.lora().retainedHeapBytes() + r.lora().mappedBytes() < r.full().retainedHeapBytes(), r.table());
    }
}
