package io.edgellm.engine.generate;

import io.edgellm.engine.model.Shard;
import io.edgellm.engine.sampling.Sampler;
import io.edgellm.engine.tokenizer.StreamingDecoder;
import io.edgellm.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Generates text with a whole model: prefill the prompt in batches, then sample and decode one
 * token at a time, streaming complete UTF-8 text. The KV cache is kept between calls, and a new
 * prompt that starts with what is cached (the next turn of a chat) only processes the new part.
 * Not thread-safe: one generator per conversation.
 */
public final class TextGenerator {

    private final Shard model;
    private final Tokenizer tokenizer;
    /** Tokens whose keys and values are in the model's cache, in order. */
    private int[] cached = new int[0];

    public TextGenerator(Shard model, Tokenizer tokenizer) {
        if (!model.isFirst() || !model.isLast()) {
            throw new IllegalArgumentException("generation needs a whole model, got blocks [" + model.fromBlock() + ", "
                    + model.toBlock() + ")");
        }
        if (tokenizer.vocabSize() > model.config().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model only " + model.config().vocabSize());
        }
        this.model = model;
        this.tokenizer = tokenizer;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Shard model() {
        return model;
    }

    /** Encodes {@code prompt} (adding BOS as the model's metadata says) and generates. */
    public Generation generate(String prompt, GenerationOptions options, Consumer<String> onText) {
        return generate(tokenizer.encode(prompt, true, false), options, onText, () -> false);
    }

    /**
     * Generates after {@code prompt} token ids.
     *
     * @param onText    receives text as soon as it is complete (never part of a stop string)
     * @param cancelled polled before each step; when true, generation ends with {@link StopReason#CANCELLED}
     * @throws IllegalArgumentException for an empty prompt or one that leaves no room in the context
     */
    public Generation generate(int[] prompt, GenerationOptions options, Consumer<String> onText, BooleanSupplier cancelled) {
        int context = model.config().contextLength();
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        if (prompt.length >= context) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens but the model's context length is "
                    + context + " (it must leave room for at least one new token)");
        }
        for (int t : prompt) {
            if (t < 0 || t >= model.config().vocabSize()) {
                throw new IllegalArgumentException("prompt token id " + t + " is outside the vocabulary of "
                        + model.config().vocabSize());
            }
        }
        int vocab = model.config().vocabSize();
        int reused = reusablePrefix(prompt);
        model.truncate(reused);

        StreamingDecoder decoder = tokenizer.streamingDecoder(false);
        for (int t : prompt) {
            decoder.accept(t); // the decoder's spacing state must continue from the prompt
        }
        StopStringFilter filter = new StopStringFilter(options.stopStrings());
        Sampler sampler = new Sampler(options.sampling());
        int[] history = Arrays.copyOf(prompt, prompt.length + options.maxTokens());
        int length = prompt.length;

        long t0 = System.nanoTime();
        float[] logits = model.forward(Arrays.copyOfRange(prompt, reused, prompt.length), reused, Shard.Outputs.LAST);
        long t1 = System.nanoTime();
        StopReason reason = StopReason.MAX_TOKENS;
        int generated = 0;
        while (true) {
            if (cancelled.getAsBoolean()) {
                reason = StopReason.CANCELLED;
                break;
            }
            int token = sampler.sample(logits, 0, vocab, history, length);
            history[length++] = token;
            generated++;
            if (!options.ignoreEndOfGeneration() && tokenizer.isEndOfGeneration(token)) {
                reason = StopReason.END_OF_GENERATION;
                break;
            }
            emit(filter.accept(decoder.accept(token)), onText);
            if (filter.stopped()) {
                reason = StopReason.STOP_STRING;
                break;
            }
            if (generated == options.maxTokens()) {
                break;
            }
            if (length >= context) {
                reason = StopReason.CONTEXT_FULL;
                break;
            }
            logits = model.decode(token, length - 1);
        }
        long t2 = System.nanoTime();
        emit(filter.accept(decoder.finish()), onText);
        emit(filter.flush(), onText);
        // The last sampled token was never run through the model, so it is not cached.
        cached = Arrays.copyOf(history, model.position());
        int[] tokens = Arrays.copyOfRange(history, prompt.length, length);
        return new Generation(tokens, filter.text(), reason, prompt.length, reused, t1 - t0, t2 - t1);
    }

    /** Forgets the cached conversation. */
    public void reset() {
        model.reset();
        cached = new int[0];
    }

    /** Longest prefix of {@code prompt} already cached, leaving at least one token to compute logits from. */
    private int reusablePrefix(int[] prompt) {
        int limit = Math.min(Math.min(cached.length, model.position()), prompt.length - 1);
        int n = 0;
        while (n < limit && cached[n] == prompt[n]) {
            n++;
        }
        return n;
    }

    private static void emit(String text, Consumer<String> onText) {
        if (!text.isEmpty()) {
            onText.accept(text);
        }
    }
}
