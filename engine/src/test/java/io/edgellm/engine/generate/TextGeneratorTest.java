package io.edgellm.engine.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.model.SyntheticModel;
import io.edgellm.engine.model.SyntheticSpec;
import io.edgellm.engine.sampling.SamplingParams;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.Tokenizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextGeneratorTest {

    @TempDir
    static Path tmp;

    static GGUFFile file;
    static ComputePool pool;
    static Tokenizer tokenizer;

    @BeforeAll
    static void model() throws IOException {
        Path path = tmp.resolve("tiny.gguf");
        SyntheticModel.write(SyntheticSpec.preset("tinyllama").tiny(), QuantizationScheme.F32, 3, path);
        file = GGUFFile.open(path);
        pool = new ComputePool(2);
        tokenizer = Tokenizers.fromMetadata(file.metadata());
    }

    @AfterAll
    static void close() {
        pool.close();
        file.close();
    }

    /** Greedy generation by hand: prefill, then argmax and decode, straight on the shard. */
    private static int[] greedyByHand(int[] prompt, int n) {
        Shard shard = Shard.whole(file, pool);
        int vocab = shard.config().vocabSize();
        float[] logits = shard.prefill(prompt, 0);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int v = 1; v < vocab; v++) {
                if (logits[v] > logits[best]) {
                    best = v;
                }
            }
            out[i] = best;
            if (i + 1 < n) {
                logits = shard.decode(best, prompt.length + i);
            }
        }
        return out;
    }

    private static GenerationOptions greedyIgnoringEos(int n) {
        return new GenerationOptions(n, SamplingParams.GREEDY, List.of(), true);
    }

    @Test
    void greedyGenerationMatchesTheShardDrivenByHandAndStreamsItsText() {
        int[] prompt = tokenizer.encode("hello world", true, false);
        TextGenerator g = new TextGenerator(Shard.whole(file, pool), tokenizer);
        StringBuilder streamed = new StringBuilder();
        Generation gen = g.generate(prompt, greedyIgnoringEos(12), streamed::append, () -> false);
        assertArrayEquals(greedyByHand(prompt, 12), gen.tokens());
        assertEquals(StopReason.MAX_TOKENS, gen.reason());
        assertEquals(gen.text(), streamed.toString());
        int[] all = Arrays.copyOf(prompt, prompt.length + 12);
        System.arraycopy(gen.tokens(), 0, all, prompt.length, 12);
        assertEquals(tokenizer.decode(all), tokenizer.decode(prompt) + gen.text(),
                "streamed text continues the prompt's text exactly");
    }

    @Test
    void aPromptThatExtendsTheCachedConversationReusesItsKeysAndValues() {
        TextGenerator g = new TextGenerator(Shard.whole(file, pool), tokenizer);
        int[] first = tokenizer.encode("the first turn", true, false);
        Generation a = g.generate(first, greedyIgnoringEos(5), s -> { }, () -> false);
        int[] next = Arrays.copyOf(first, first.length + a.tokens().length + 3);
        System.arraycopy(a.tokens(), 0, next, first.length, a.tokens().length);
        int[] extra = tokenizer.encode(" and more", false, false);
        next = Arrays.copyOf(next, first.length + a.tokens().length + extra.length);
        System.arraycopy(extra, 0, next, first.length + a.tokens().length, extra.length);
        Generation b = g.generate(next, greedyIgnoringEos(6), s -> { }, () -> false);
        // Everything but the last generated token (never run through the model) was cached.
        assertEquals(first.length + a.tokens().length - 1, b.reusedTokens());
        assertArrayEquals(greedyByHand(next, 6), b.tokens(), "reuse must not change the result");

        // A prompt that diverges early truncates the cache back to the shared prefix.
        int[] other = tokenizer.encode("the second", true, false);
        Generation c = g.generate(other, greedyIgnoringEos(4), s -> { }, () -> false);
        assertTrue(c.reusedTokens() < other.length);
        assertArrayEquals(greedyByHand(other, 4), c.tokens());
    }

    @Test
    void stopsOnStopStringsCancellationAndContext() {
        TextGenerator g = new TextGenerator(Shard.whole(file, pool), tokenizer);
        int[] prompt = tokenizer.encode("once", true, false);
        Generation free = g.generate(prompt, greedyIgnoringEos(20), s -> { }, () -> false);
        assertTrue(free.text().length() > 4, "the tiny model produces text: '" + free.text() + "'");
        String stop = free.text().substring(2, 4);
        Generation stopped = g.generate(prompt, new GenerationOptions(20, SamplingParams.GREEDY, List.of(stop), true),
                s -> { }, () -> false);
        assertEquals(StopReason.STOP_STRING, stopped.reason());
        assertEquals(free.text().substring(0, free.text().indexOf(stop)), stopped.text());

        AtomicInteger polls = new AtomicInteger();
        Generation cancelled = g.generate(prompt, greedyIgnoringEos(20), s -> { }, () -> polls.incrementAndGet() > 3);
        assertEquals(StopReason.CANCELLED, cancelled.reason());
        assertEquals(3, cancelled.tokens().length);

        int context = g.model().config().contextLength();
        int[] nearlyFull = new int[context - 2];
        Arrays.fill(nearlyFull, prompt[prompt.length - 1]);
        Generation full = g.generate(nearlyFull, greedyIgnoringEos(50), s -> { }, () -> false);
        assertEquals(StopReason.CONTEXT_FULL, full.reason());
        assertEquals(2, full.tokens().length);
    }

    @Test
    void badPromptsAreRejectedClearly() {
        TextGenerator g = new TextGenerator(Shard.whole(file, pool), tokenizer);
        int context = g.model().config().contextLength();
        assertEquals("the prompt is empty", assertThrows(IllegalArgumentException.class,
                () -> g.generate(new int[0], greedyIgnoringEos(1), s -> { }, () -> false)).getMessage());
        String tooLong = assertThrows(IllegalArgumentException.class,
                () -> g.generate(new int[context], greedyIgnoringEos(1), s -> { }, () -> false)).getMessage();
        assertTrue(tooLong.contains("context length is " + context), tooLong);
        String badId = assertThrows(IllegalArgumentException.class,
                () -> g.generate(new int[] {1, 1 << 20}, greedyIgnoringEos(1), s -> { }, () -> false)).getMessage();
        assertTrue(badId.contains("outside the vocabulary"), badId);
    }
}
