package io.edgellm.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.model.SyntheticModel;
import io.edgellm.engine.model.SyntheticSpec;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.TestPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The training forward pass against the inference engine's {@link Shard} on the same GGUF file,
 * for every synthetic family (tied heads, llama3 RoPE factors, Qwen2's biases and NeoX RoPE,
 * grouped and multi-query attention): logits at every position agree.
 */
class InferenceAgreementTest {

    /** Both sides are f32 with the same norm, RoPE and softmax code; products sum in another order. Observed: up to 5.3e-6. */
    static final double TOLERANCE = 2e-5;

    static final ComputePool pool = TestPool.POOL;

    @TempDir
    static Path dir;

    static Iterable<String> presets() {
        return SyntheticSpec.presetNames();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void trainingForwardMatchesShardLogits(String preset) throws IOException {
        SyntheticSpec spec = SyntheticSpec.preset(preset).tiny();
        Path path = dir.resolve(preset + ".gguf");
        SyntheticModel.write(spec, QuantizationScheme.F32, 7, path);
        int[] tokens = new SplittableRandom(3).ints(20, 0, spec.vocabSize()).toArray();
        try (GGUFFile file = GGUFFile.open(path)) {
            float[] expected = Shard.whole(file, pool).forward(tokens, 0, Shard.Outputs.ALL);
            for (TrainingMethod method : new TrainingMethod[] {FullTraining.all(), LoraConfig.of(4, 8, "q", "v")}) {
                TrainableModel model = TrainableModel.fromGguf(file, method, 1, pool);
                float[] actual = model.logits(tokens);
                assertClose(expected, actual, preset + " " + method.describe());
            }
        }
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertTrue(expected.length == actual.length, what + ": " + expected.length + " vs " + actual.length + " logits");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(max <= TOLERANCE, what + ": logits differ by up to " + max);
    }
}
