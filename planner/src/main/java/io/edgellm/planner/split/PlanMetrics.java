package io.edgellm.planner.split;

import java.util.List;

/**
 * Every predicted figure of a plan, whatever objective chose it, so plans can be compared on all
 * of them. Training figures are infinite when the first shard is not on the source.
 */
public record PlanMetrics(double decodeSecondsPerToken, double ttftSeconds, double bottleneckSecondsPerToken,
                          double trainStepSeconds, double joulesPerToken, double joulesPerTrainStep,
                          List<NodeMemory> memory, List<LinkLoad> links, List<String> violations) {

    public PlanMetrics {
        memory = List.copyOf(memory);
        links = List.copyOf(links);
        violations = List.copyOf(violations);
    }

    /** Tokens per second with the pipeline full. */
    public double tokensPerSecond() {
        return 1 / bottleneckSecondsPerToken;
    }

    public boolean feasible() {
        return violations.isEmpty();
    }

    /** The figure the objective minimises (seconds, joules, or seconds per token for throughput). */
    public double value(Objective objective) {
        return switch (objective) {
            case DECODE_LATENCY -> decodeSecondsPerToken;
            case TTFT -> ttftSeconds;
            case THROUGHPUT -> bottleneckSecondsPerToken;
            case TRAIN_ROUND -> trainStepSeconds;
            case ENERGY -> joulesPerToken;
            case TRAIN_ENERGY -> joulesPerTrainStep;
        };
    }
}
