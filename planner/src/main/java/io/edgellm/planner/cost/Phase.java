package io.edgellm.planner.cost;

/** What a shard is doing. */
public enum Phase {
    /** Processing the whole prompt at once; ends with the first token. */
    PREFILL,
    /** One new token for one sequence. */
    DECODE,
    /** One new token for each of the workload's concurrent sequences, batched. */
    BATCHED_DECODE,
    /** Forward and backward pass over one training batch. */
    TRAIN_STEP
}
