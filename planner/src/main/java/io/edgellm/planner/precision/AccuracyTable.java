package io.edgellm.planner.precision;

import io.edgellm.planner.profile.Precision;

import java.util.EnumMap;
import java.util.Map;

/**
 * Relative accuracy of a model at each precision (full precision = 1). The defaults are rough
 * figures in line with published llama.cpp perplexity comparisons for 7B models (Q8_0 nearly
 * lossless, Q4_K better than Q4_0); a deployment should measure its own.
 */
public record AccuracyTable(Map<Precision, Double> accuracy) {

    public AccuracyTable {
        accuracy = Map.copyOf(new EnumMap<>(accuracy));
    }

    public static AccuracyTable defaults() {
        return new AccuracyTable(Map.of(Precision.F32, 1.0, Precision.F16, 0.999, Precision.Q8_0, 0.995,
                Precision.Q4_K, 0.985, Precision.Q4_0, 0.97));
    }

    public double of(Precision precision) {
        return accuracy.getOrDefault(precision, 0.0);
    }
}
