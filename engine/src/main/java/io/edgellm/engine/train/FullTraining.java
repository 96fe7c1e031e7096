package io.edgellm.engine.train;

/**
 * Every parameter trains, except the bottom {@code freezingRatio} of the blocks: the paper's
 * freezing ratio, which saves the backward pass below the first trainable block. The token
 * embedding trains only when no block is frozen (it sits below block 0); the final norm and the
 * head train unless every block is frozen. A tied embedding/head matrix trains only when the
 * embedding does, since training it as the head alone would change the frozen input side too.
 */
public record FullTraining(double freezingRatio) implements TrainingMethod {

    public FullTraining {
        TrainingMethod.checkFreezingRatio(freezingRatio);
    }

    /** Everything trains: pretraining or full fine-tuning. */
    public static FullTraining all() {
        return new FullTraining(0);
    }

    @Override
    public String describe() {
        return "full(freeze=" + freezingRatio + ")";
    }
}
