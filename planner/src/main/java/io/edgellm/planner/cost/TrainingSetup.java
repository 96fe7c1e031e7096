package io.edgellm.planner.cost;

/**
 * What one training step processes and keeps.
 *
 * @param batchTokens tokens per step (micro-batch size × sequence length)
 * @param sequenceTokens tokens per sequence, which sets the attention cost
 * @param trainableFraction share of block weights that get gradients (1 for full fine-tuning, ≈0.01 for LoRA)
 * @param optimizerBytesPerTrainableWeight gradient plus optimiser state per trainable weight (16 for Adam in F32)
 */
public record TrainingSetup(int batchTokens, int sequenceTokens, double trainableFraction,
                            double optimizerBytesPerTrainableWeight) {

    public TrainingSetup {
        if (batchTokens <= 0 || sequenceTokens <= 0 || sequenceTokens > batchTokens) {
            throw new IllegalArgumentException("need 0 < sequenceTokens <= batchTokens");
        }
        if (trainableFraction < 0 || trainableFraction > 1 || optimizerBytesPerTrainableWeight < 0) {
            throw new IllegalArgumentException("need trainableFraction in [0, 1] and optimizer bytes >= 0");
        }
    }

    /** LoRA-style fine-tuning: 4 sequences of 512 tokens, 1% of weights trainable, Adam state in F32. */
    public static TrainingSetup loraDefault() {
        return new TrainingSetup(2048, 512, 0.01, 16);
    }
}
