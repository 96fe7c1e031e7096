package io.edgellm.planner.splitlearning;

/**
 * One split-learning configuration.
 *
 * @param cutBlocks blocks kept on the device (the rest run on the server)
 * @param freezingRatio share of blocks, from the bottom, whose weights stay frozen
 * @param loraRank rank of the LoRA adapters on the trainable blocks
 * @param aggregationInterval local steps between federated averaging of the device-side adapters
 */
public record SplitLearningSetup(int cutBlocks, double freezingRatio, int loraRank, int aggregationInterval) {
}
