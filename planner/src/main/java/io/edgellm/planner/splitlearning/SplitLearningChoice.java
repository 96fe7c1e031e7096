package io.edgellm.planner.splitlearning;

/** A configuration with its predicted step time, steps to converge and device memory. */
public record SplitLearningChoice(SplitLearningSetup setup, double stepSeconds, double steps, double totalSeconds,
                                  double deviceMemoryBytes, double serverMemoryBytes) {
}
