package io.edgellm.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.Llama3RopeScaling;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.TestPool;
import io.edgellm.engine.train.ops.Activation;
import io.edgellm.engine.train.ops.GradientCheck;
import io.edgellm.engine.train.ops.Rng;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole model's analytic gradients (embedding, every block op, head, label-smoothed loss with
 * ignored positions) against central differences of the float64 {@link ReferenceTransformer}, for
 * each family variant and each training method. Up to {@value #SAMPLES} entries of each trainable
 * tensor are checked. Observed normalised errors are at most 4e-6 for base weights and 1.5e-5 for
 * LoRA factors (whose gradients pass through the most f32 products); the tolerance is 1e-4.
 */
class ModelGradientTest {

    static final double TOLERANCE = 1e-4;
    static final int SAMPLES = 12;
    static final float SMOOTHING = 0.1f;

    static final ComputePool pool = TestPool.POOL;

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("llama", TinyModels.config(Architecture.LLAMA, 2, 2, false, false, 1f)),
                Arguments.of("qwen2 tied", TinyModels.config(Architecture.QWEN2, 2, 2, true, false, 1f)),
                Arguments.of("llama3 rope, linear scale, tied, multi-query", TinyModels.config(Architecture.LLAMA, 2, 1, true, true, 2f)),
                Arguments.of("multi-head", TinyModels.config(Architecture.LLAMA, 1, 4, false, false, 1f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void fullTraining(String name, ModelConfig config) {
        check(model(config, FullTraining.all()));
    }

    static Stream<TrainingMethod> methods() {
        return Stream.of(
                new FullTraining(0.5),
                LoraConfig.of(3, 6, "q", "k", "v", "o", "gate", "up", "down"),
                LoraConfig.of(2, 4, "v", "down").withFreezingRatio(0.5),
                new AdapterConfig(5, Activation.GELU),
                new AdapterConfig(3, Activation.RELU),
                new PromptTuningConfig(3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void parameterEfficientMethods(TrainingMethod method) {
        check(model(TinyModels.config(Architecture.QWEN2, 2, 2, false, false, 1f), method));
    }

    @Test
    void freezingKeepsBottomBlocksAndEmbeddingWithoutGradients() {
        TrainableModel model = model(TinyModels.config(Architecture.LLAMA, 4, 2, false, false, 1f), new FullTraining(0.5));
        List<String> trainable = model.trainableParameters().stream().map(Parameter::name).toList();
        assertTrue(trainable.contains("blk.2.attn_q.weight") && trainable.contains("output.weight"), trainable.toString());
        assertTrue(trainable.stream().noneMatch(n -> n.startsWith("blk.0.") || n.startsWith("blk.1.") || n.equals("token_embd.weight")),
                trainable.toString());
        assertNull(model.block(1).projection(TargetModule.Q).weightParameter().gradient());
        check(model);
    }

    static TrainableModel model(ModelConfig config, TrainingMethod method) {
        float[] factors = config.ropeFrequencyFactors()
                ? Llama3RopeScaling.LLAMA_3_2.frequencyFactors(config.ropeDimensions(), config.ropeFreqBase()) : null;
        TrainableModel model = TrainableModel.initialize(config, factors, method, 11, pool);
        TinyModels.randomize(model, 5);
        return model;
    }

    static void check(TrainableModel model) {
        Batch batch = TinyModels.batch(2, 5, model.config().vocabSize(), 9);
        float scale = 1f / batch.targetCount();
        TrainableModel.PassResult result = model.accumulateGradients(batch, scale, SMOOTHING, 1);
        ReferenceTransformer reference = new ReferenceTransformer(model);
        assertEquals(reference.loss(batch, SMOOTHING, 1), result.lossSum(), 1e-4 * result.lossSum(), "loss");
        for (Parameter p : model.trainableParameters()) {
            double[] values = reference.tensors.get(p.name());
            Rng rng = Rng.of(3, p.name().hashCode());
            int samples = Math.min(SAMPLES, p.size());
            float[] analytic = new float[samples];
            double[] numeric = new double[samples];
            for (int s = 0; s < samples; s++) {
                int i = samples == p.size() ? s : rng.nextInt(p.size());
                analytic[s] = p.gradient()[i];
                numeric[s] = GradientCheck.numeric(values, i, v -> reference.loss(batch, SMOOTHING, scale));
            }
            GradientCheck.assertGradient(p.name(), analytic, numeric, TOLERANCE);
        }
    }
}
