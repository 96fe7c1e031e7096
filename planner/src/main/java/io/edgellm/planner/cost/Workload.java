package io.edgellm.planner.cost;

import io.edgellm.planner.profile.Precision;

/**
 * The request the plan serves.
 *
 * @param precision weight precision of every shard
 * @param promptTokens prompt length processed by prefill (time to first token)
 * @param contextTokens positions each decoded token attends to, and the KV cache each sequence keeps
 * @param concurrentSequences sequences decoded together when planning for throughput
 * @param training the training step, for split-learning objectives
 */
public record Workload(Precision precision, int promptTokens, int contextTokens, int concurrentSequences,
                       TrainingSetup training) {

    public Workload {
        if (promptTokens <= 0 || contextTokens < promptTokens || concurrentSequences <= 0) {
            throw new IllegalArgumentException("need 0 < promptTokens <= contextTokens and concurrentSequences > 0");
        }
    }

    public static Workload defaults(Precision precision) {
        return new Workload(precision, 512, 1024, 8, TrainingSetup.loraDefault());
    }

    public Workload withPrecision(Precision other) {
        return new Workload(other, promptTokens, contextTokens, concurrentSequences, training);
    }
}
