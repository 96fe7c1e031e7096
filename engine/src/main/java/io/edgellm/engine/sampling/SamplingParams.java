package io.edgellm.engine.sampling;

/**
 * How the next token is chosen from logits. Filters apply in llama.cpp's default order:
 * repetition penalty, top-k, top-p, min-p, then temperature and a seeded draw.
 *
 * @param temperature       0 means greedy (argmax after the penalty); otherwise logits are divided by it
 * @param topK              keep the k most likely tokens; 0 disables
 * @param topP              keep the smallest set whose probability mass reaches p; 1 disables
 * @param minP              drop tokens whose probability is below minP × the top probability; 0 disables
 * @param repetitionPenalty divide positive logits (multiply negative ones) of recently seen tokens; 1 disables
 * @param repetitionWindow  how many of the most recent tokens the penalty looks at
 * @param seed              seed of the random draw, for reproducible sampling
 */
public record SamplingParams(
        float temperature, int topK, float topP, float minP, float repetitionPenalty, int repetitionWindow, long seed) {

    public static final SamplingParams GREEDY = new SamplingParams(0f, 0, 1f, 0f, 1f, 64, 0L);

    /** llama.cpp's defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no repetition penalty. */
    public static SamplingParams defaults(long seed) {
        return new SamplingParams(0.8f, 40, 0.95f, 0.05f, 1f, 64, seed);
    }

    public SamplingParams {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0 (0 disables it), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1] (1 disables it), got " + topP);
        }
        if (!(minP >= 0 && minP <= 1)) {
            throw new IllegalArgumentException("min-p must be in [0, 1] (0 disables it), got " + minP);
        }
        if (!(repetitionPenalty > 0) || Float.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException("repetition penalty must be a finite number > 0 (1 disables it), got "
                    + repetitionPenalty);
        }
        if (repetitionWindow < 0) {
            throw new IllegalArgumentException("repetition window must be >= 0, got " + repetitionWindow);
        }
    }

    public boolean isGreedy() {
        return temperature == 0f;
    }

    public SamplingParams withSeed(long newSeed) {
        return new SamplingParams(temperature, topK, topP, minP, repetitionPenalty, repetitionWindow, newSeed);
    }
}
