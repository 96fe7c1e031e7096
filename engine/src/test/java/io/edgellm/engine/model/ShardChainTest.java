package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.ComputePool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Split inference: a chain of shards computes what the whole model computes, since each row goes
 * through the same operations whatever the cut. Not bit for bit: the Vector API sums lanes in a
 * different order before and after the JIT compiles a kernel, so runs differ in the last bits;
 * {@link #SAME} allows for that and nothing more. Quantized models run the same checks: prefill
 * multiplies through the tiled GEMM over dequantized tiles, decode through each type's own kernel.
 */
class ShardChainTest {

    static final int PROMPT = 10;
    static final int DECODE_STEPS = 4;
    static final double SAME = 1e-5;

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

    static final List<String> PRESETS = List.of("tinyllama", "llama3", "qwen2");

    /** Every non-F32 scheme once, on presets taken in turn (one quantized model each keeps the suite quick). */
    static List<Arguments> quantizedModels() {
        List<Arguments> cases = new ArrayList<>();
        QuantizationScheme[] schemes = QuantizationScheme.values();
        for (int i = 1; i < schemes.length; i++) {
            cases.add(Arguments.of(PRESETS.get(i % PRESETS.size()), schemes[i]));
        }
        return cases;
    }

    static Stream<Arguments> chains() {
        List<Arguments> cases = new ArrayList<>();
        for (String preset : PRESETS) {
            for (int[] cuts : List.of(new int[] {0, 1, 3}, new int[] {0, 2, 3}, new int[] {0, 1, 2, 3})) {
                cases.add(Arguments.of(preset, QuantizationScheme.F32, cuts));
            }
        }
        for (Arguments model : quantizedModels()) {
            cases.add(Arguments.of(model.get()[0], model.get()[1], new int[] {0, 1, 2, 3}));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("chains")
    void chainOfShardsEqualsTheWholeModel(String preset, QuantizationScheme scheme, int[] cuts) {
        try (GGUFFile file = GGUFFile.open(TestModels.tiny(preset, scheme, dir))) {
            Shard whole = Shard.whole(file, pool);
            List<Shard> chain = new ArrayList<>();
            for (int i = 0; i + 1 < cuts.length; i++) {
                chain.add(Shard.load(file, cuts[i], cuts[i + 1], pool));
            }
            int[] prompt = TestModels.randomTokens(PROMPT, whole.config().vocabSize(), 3);

            float[] expected = whole.forward(prompt, 0, Shard.Outputs.ALL);
            float[] actual = chain.getFirst().forward(prompt, 0, Shard.Outputs.ALL);
            for (Shard s : chain.subList(1, chain.size())) {
                actual = s.forward(actual, PROMPT, 0, Shard.Outputs.ALL);
            }
            TestModels.assertClose(expected, actual, SAME, "prefill through " + Arrays.toString(cuts));

            int vocab = whole.config().vocabSize();
            int token = TestModels.argMax(expected, (PROMPT - 1) * vocab, vocab);
            for (int pos = PROMPT; pos < PROMPT + DECODE_STEPS; pos++) {
                float[] wholeLogits = whole.decode(token, pos).clone();
                float[] chainOut = chain.getFirst().decode(token, pos);
                for (Shard s : chain.subList(1, chain.size())) {
                    chainOut = s.forward(chainOut, 1, pos, Shard.Outputs.ALL);
                }
                TestModels.assertClose(wholeLogits, chainOut, SAME, "decode at " + pos + " through " + Arrays.toString(cuts));
                token = TestModels.argMax(wholeLogits, 0, vocab);
            }
            for (Shard s : chain) {
                assertEquals(PROMPT + DECODE_STEPS, s.position());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama2", "qwen2"})
    void lastShardReturnsOnlyTheLastLogitsWhenAsked(String preset) {
        try (GGUFFile file = GGUFFile.open(TestModels.tiny(preset, dir))) {
            Shard whole = Shard.whole(file, pool);
            Shard head = Shard.load(file, 0, 2, pool);
            Shard tail = Shard.load(file, 2, 3, pool);
            int[] prompt = TestModels.randomTokens(PROMPT, whole.config().vocabSize(), 4);
            float[] hidden = head.forward(prompt, 0, Shard.Outputs.ALL);
            TestModels.assertClose(whole.prefill(prompt, 0), tail.forward(hidden, PROMPT, 0, Shard.Outputs.LAST), SAME, "last row");
        }
    }

    static Stream<Arguments> prefillModels() {
        return Stream.concat(Stream.of("llama3", "qwen2", "llama2").map(p -> Arguments.of(p, QuantizationScheme.F32)),
                quantizedModels().stream());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("prefillModels")
    void batchedPrefillEqualsTokenByTokenDecode(String preset, QuantizationScheme scheme) {
        try (GGUFFile file = GGUFFile.open(TestModels.tiny(preset, scheme, dir))) {
            ModelConfig config = ModelConfig.from(file);
            Shard batched = Shard.whole(file, pool);
            Shard smallBatches = Shard.load(file, config, 0, config.blockCount(), pool, 5);
            Shard stepwise = Shard.whole(file, pool);
            int vocab = config.vocabSize();
            int[] prompt = TestModels.randomTokens(23, vocab, 5);
            float[] all = batched.forward(prompt, 0, Shard.Outputs.ALL);
            TestModels.assertClose(all, smallBatches.forward(prompt, 0, Shard.Outputs.ALL), SAME, "sub-batches of 5");
            for (int pos = 0; pos < prompt.length; pos++) {
                float[] step = stepwise.decode(prompt[pos], pos);
                TestModels.assertClose(Arrays.copyOfRange(all, pos * vocab, (pos + 1) * vocab), step, SAME,
                        "decode at " + pos);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "qwen2"})
    void truncateThenDecodeEqualsAFreshRun(String preset) {
        try (GGUFFile file = GGUFFile.open(TestModels.tiny(preset, dir))) {
            Shard model = Shard.whole(file, pool);
            int vocab = model.config().vocabSize();
            int[] prompt = TestModels.randomTokens(PROMPT, vocab, 6);
            int[] rejected = TestModels.randomTokens(5, vocab, 7);
            int[] accepted = TestModels.randomTokens(4, vocab, 8);
            int keep = 2;

            model.prefill(prompt, 0);
            for (int i = 0; i < rejected.length; i++) {
                model.decode(rejected[i], PROMPT + i);
            }
            model.truncate(PROMPT + keep);
            assertEquals(PROMPT + keep, model.position());
            float[] afterRollback = decodeAll(model, accepted, PROMPT + keep);

            Shard fresh = Shard.whole(file, pool);
            int[] kept = Arrays.copyOf(prompt, PROMPT + keep);
            System.arraycopy(rejected, 0, kept, PROMPT, keep);
            fresh.prefill(kept, 0);
            TestModels.assertClose(decodeAll(fresh, accepted, PROMPT + keep), afterRollback, SAME, "after rollback");

            model.reset();
            assertEquals(0, model.position());
            assertEquals(0, model.kvCacheBytes());
            TestModels.assertClose(Shard.whole(file, pool).prefill(prompt, 0), model.prefill(prompt, 0), SAME, "after reset");
        }
    }

    private static float[] decodeAll(Shard model, int[] tokens, int start) {
        int vocab = model.outputWidth();
        float[] out = new float[tokens.length * vocab];
        for (int i = 0; i < tokens.length; i++) {
            System.arraycopy(model.decode(tokens[i], start + i), 0, out, i * vocab, vocab);
        }
        return out;
    }
}
