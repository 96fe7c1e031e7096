package io.edgellm.engine.model;

import io.edgellm.engine.sampling.Sampler;
import io.edgellm.engine.sampling.SamplingParams;
import java.util.SplittableRandom;

/**
 * Wall-clock timing of a prefill followed by greedy decoding, the two numbers a tokens-per-second
 * comparison with llama.cpp needs ({@code llama-bench}'s pp and tg).
 *
 * @param promptTokens  tokens prefilled in one call
 * @param prefillNanos  time of that call
 * @param decodeSteps   single-token steps after the prompt
 * @param decodeNanos   time of all decode steps together
 */
public record GenerationTiming(int promptTokens, long prefillNanos, int decodeSteps, long decodeNanos) {

    public double prefillTokensPerSecond() {
        return promptTokens * 1e9 / prefillNanos;
    }

    public double decodeTokensPerSecond() {
        return decodeSteps == 0 ? 0 : decodeSteps * 1e9 / decodeNanos;
    }

    /**
     * Resets {@code model}'s cache, prefills {@code promptTokens} random token ids (from {@code seed}),
     * then decodes {@code decodeSteps} tokens, each picked greedily from the previous logits. The cache is
     * left holding the whole sequence. The first call in a JVM also pays for JIT compilation and for
     * faulting the mapped weights in: run a short one first when the numbers matter.
     *
     * @throws IllegalArgumentException when {@code model} is not a whole model or the sequence exceeds its context
     */
    public static GenerationTiming measure(Shard model, int promptTokens, int decodeSteps, long seed) {
        if (!model.isFirst() || !model.isLast()) {
            throw new IllegalArgumentException("timing needs a whole model, got blocks [" + model.fromBlock() + ", "
                    + model.toBlock() + ")");
        }
        if (promptTokens < 1 || decodeSteps < 0 || promptTokens + decodeSteps > model.config().contextLength()) {
            throw new IllegalArgumentException(promptTokens + " prompt tokens and " + decodeSteps
                    + " decode steps do not fit the context length " + model.config().contextLength());
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] prompt = random.ints(promptTokens, 0, model.config().vocabSize()).toArray();
        Sampler greedy = new Sampler(SamplingParams.GREEDY);
        int vocab = model.config().vocabSize();
        int[] noHistory = new int[0];
        model.reset();
        long t0 = System.nanoTime();
        float[] logits = model.prefill(prompt, 0);
        long t1 = System.nanoTime();
        for (int step = 0; step < decodeSteps; step++) {
            logits = model.decode(greedy.sample(logits, 0, vocab, noHistory, 0), promptTokens + step);
        }
        long t2 = System.nanoTime();
        return new GenerationTiming(promptTokens, t1 - t0, decodeSteps, t2 - t1);
    }
}
