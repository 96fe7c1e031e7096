package io.edgellm.engine.train;

/**
 * What trains, and what stays frozen: full fine-tuning (or pretraining), LoRA, bottleneck
 * adapters or prompt tuning. {@link #describe()} is a canonical one-line form, part of a
 * checkpoint's fingerprint.
 */
public sealed interface TrainingMethod permits FullTraining, LoraConfig, AdapterConfig, PromptTuningConfig {

    String describe();

    /**
     * The number of bottom blocks a freezing ratio freezes out of {@code blocks}: the ratio times
     * the block count, rounded to the nearest block.
     *
     * @throws IllegalArgumentException for a ratio outside [0, 1]
     */
    static int frozenBlocks(double freezingRatio, int blocks) {
        checkFreezingRatio(freezingRatio);
        return (int) Math.round(freezingRatio * blocks);
    }

    static void checkFreezingRatio(double freezingRatio) {
        if (!(freezingRatio >= 0 && freezingRatio <= 1)) {
            throw new IllegalArgumentException("freezing ratio must be in [0, 1], got " + freezingRatio);
        }
    }
}
