package io.edgellm.engine.train;

/**
 * Prompt tuning (Lester et al. 2021): a trainable soft prefix of {@code virtualTokens} embeddings
 * placed before every sequence, which every position attends to; the base stays frozen. The
 * prefix takes positions {@code 0..P-1}, the real tokens follow, as in PEFT.
 */
public record PromptTuningConfig(int virtualTokens) implements TrainingMethod {

    public PromptTuningConfig {
        if (virtualTokens < 1) {
            throw new IllegalArgumentException("prompt tuning needs at least one virtual token, got " + virtualTokens);
        }
    }

    @Override
    public String describe() {
        return "prompt(tokens=" + virtualTokens + ")";
    }
}
