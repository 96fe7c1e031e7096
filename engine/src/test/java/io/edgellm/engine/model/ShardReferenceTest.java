package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.quantize.ModelQuantizer;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's logits against the float64 {@link ReferenceModel}, for every family preset and every
 * storage type the quantizer writes.
 */
class ShardReferenceTest {

    /**
     * Float32 arithmetic against float64 on the same weights: observed errors are 3e-6 to 6e-6 on logits
     * of magnitude 4, for F32 models and for quantized ones alike, because the kernels never quantize
     * activations and dequantize each weight to the value the reference computes (bit for bit, see
     * WeightMatrixTest). Quantization error itself is far outside it (the engine on a model stored as F16
     * is 3e-3 from the float64 logits of the same model stored as F32, as Q8_0 8e-2), and a misread
     * nibble or high bit in the reference moves logits by whole units (tried).
     */
    static final double TOLERANCE = 1e-5;
    static final int PROMPT = 12;
    static final int DECODE_STEPS = 6;
    static final double FIXTURE_SPREAD = 0.1;
    static final double FIXTURE_TOLERANCE = 1e-6;

    static ComputePool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPool() {
        pool = new ComputePool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    static Iterable<String> presets() {
        return SyntheticSpec.presetNames();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void prefillAndDecodeMatchTheReference(String preset) {
        checkAgainstReference(TestModels.tiny(preset, dir));
    }

    static List<Arguments> quantizedModels() {
        List<Arguments> cases = new ArrayList<>();
        // "1b" is left out: at test size it is the same model as tinyllama.
        for (String preset : List.of("llama2", "llama3", "mistral", "qwen2", "smollm", "tinyllama")) {
            for (QuantizationScheme scheme : QuantizationScheme.values()) {
                if (scheme != QuantizationScheme.F32) {
                    cases.add(Arguments.of(preset, scheme));
                }
            }
        }
        return cases;
    }

    /** Prefill runs the tiled GEMM over dequantized tiles, decode each type's own matrix-vector kernel. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("quantizedModels")
    void quantizedModelsMatchTheReferenceOnTheSameWeights(String preset, QuantizationScheme scheme) {
        Path path = TestModels.tiny(preset, scheme, dir);
        try (GGUFFile file = GGUFFile.open(path)) {
            assertEquals(scheme.base(), file.tensor("blk.1.ffn_up.weight").type(), "the model is stored as " + scheme);
        }
        checkAgainstReference(path);
    }

    static List<Arguments> fixtures() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("ggml-vocab-spm32k.gguf", "ggml-vocab-llama3.gguf")) {
            for (QuantizationScheme scheme : List.of(QuantizationScheme.F32, QuantizationScheme.Q8_0, QuantizationScheme.Q4_0)) {
                cases.add(Arguments.of(name, scheme));
            }
        }
        return cases;
    }

    /**
     * Models written by another GGUF writer (the shared fixtures' tiny random Llamas, width 16, tied
     * embeddings), as they are and quantized by the project: their rows of 16 are no whole Q8_0 or Q4_0
     * block, so most matrices fall back to F16 and only the MLP down-projection (rows of 32) takes the
     * scheme's type, a mix of types in one file (and rows of a single block). Their logits are small
     * (largest 0.44), hence the lower bar for a non-degenerate model, and their float32 sums run over 16
     * or 32 terms, hence the tighter tolerance: observed errors are 8e-8 to 1e-7.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void fixtureModelsMatchTheReference(String name, QuantizationScheme scheme) throws IOException {
        Path path = SharedFixtures.file(name);
        if (scheme != QuantizationScheme.F32) {
            Path quantized = dir.resolve(scheme + "-" + name);
            ModelQuantizer.quantize(path, quantized, scheme, pool, (tensor, index, count) -> { });
            try (GGUFFile file = GGUFFile.open(quantized)) {
                assertEquals(scheme.base(), file.tensor("blk.0.ffn_down.weight").type());
                assertEquals(GGMLType.F16, file.tensor("blk.0.attn_q.weight").type());
            }
            path = quantized;
        }
        checkAgainstReference(path, FIXTURE_SPREAD, FIXTURE_TOLERANCE);
    }

    @Test
    void headWidthOtherThanDimOverHeads() {
        checkAgainstReference(TestModels.write(SyntheticSpec.preset("qwen2").tiny().withHeadDim(96), dir));
    }

    @Test
    void linearRopeScalingFromMetadata() {
        Path base = TestModels.tiny("llama2", dir);
        Path scaled = TestModels.rewrite(base, dir.resolve("linear.gguf"), w -> w
                .putString("llama.rope.scaling.type", "linear")
                .putFloat32("llama.rope.scaling.factor", 4f), t -> true);
        checkAgainstReference(scaled);
    }

    @Test
    void subBatchesAcrossKvChunksMatchTheReference() {
        Path path = TestModels.tiny("llama3", dir);
        try (GGUFFile file = GGUFFile.open(path)) {
            ModelConfig config = ModelConfig.from(file);
            Shard model = Shard.load(file, config, 0, config.blockCount(), pool, 16);
            int[] prompt = TestModels.randomTokens(Shard.KV_CHUNK_POSITIONS + 9, config.vocabSize(), 7);
            float[] logits = model.forward(prompt, 0, Shard.Outputs.ALL);
            double[][] ref = new ReferenceModel(file).logits(prompt);
            for (int t = 0; t < prompt.length; t++) {
                double diff = TestModels.maxDiff(logits, t, ref[t]);
                assertTrue(diff <= TOLERANCE, "position " + t + ": " + diff);
            }
        }
    }

    private void checkAgainstReference(Path path) {
        checkAgainstReference(path, 1, TOLERANCE);
    }

    /**
     * Prefills {@link #PROMPT} random tokens, decodes {@link #DECODE_STEPS} greedy ones and compares every
     * position's logits with the reference's; the largest reference logit must exceed {@code minSpread},
     * so that a model whose logits all vanish cannot pass.
     */
    private void checkAgainstReference(Path path, double minSpread, double tolerance) {
        try (GGUFFile file = GGUFFile.open(path)) {
            Shard model = Shard.whole(file, pool);
            int vocab = model.config().vocabSize();
            int[] sequence = Arrays.copyOf(TestModels.randomTokens(PROMPT, vocab, 1), PROMPT + DECODE_STEPS);
            float[] logits = new float[(PROMPT + DECODE_STEPS) * vocab];
            float[] prefill = model.forward(Arrays.copyOf(sequence, PROMPT), 0, Shard.Outputs.ALL);
            System.arraycopy(prefill, 0, logits, 0, prefill.length);
            for (int step = 0; step < DECODE_STEPS; step++) {
                int pos = PROMPT + step;
                sequence[pos] = TestModels.argMax(logits, (pos - 1) * vocab, vocab);
                System.arraycopy(model.decode(sequence[pos], pos), 0, logits, pos * vocab, vocab);
            }
            double[][] ref = new ReferenceModel(file).logits(sequence);
            double worst = 0;
            double spread = 0;
            for (int t = 0; t < sequence.length; t++) {
                worst = Math.max(worst, TestModels.maxDiff(logits, t, ref[t]));
                spread = Math.max(spread, Arrays.stream(ref[t]).map(Math::abs).max().orElseThrow());
            }
            System.out.printf("%s: max |engine - reference| = %.3g over logits up to %.3g%n", path.getFileName(), worst, spread);
            assertTrue(spread > minSpread, "logits of a random model should not be degenerate, max |logit| " + spread);
            assertTrue(worst <= tolerance, path.getFileName() + ": max difference " + worst + " > " + tolerance);
        }
    }
}
