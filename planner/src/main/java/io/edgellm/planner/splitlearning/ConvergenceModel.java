package io.edgellm.planner.splitlearning;

/**
 * Steps to reach a target loss, as a function of the configuration. An assumption, not a law: a
 * multiplicative model whose factors follow the trends reported for LoRA and split federated
 * learning: low ranks and heavy freezing need more steps; averaging device-side adapters less often
 * lets clients drift apart.
 *
 * <pre>steps = baseSteps · (1 + rankPenalty / rank) · (1 + freezingPenalty · freezingRatio)
 *                    · (1 + driftPerStep · (interval − 1))</pre>
 */
public record ConvergenceModel(double baseSteps, double rankPenalty, double freezingPenalty, double driftPerStep) {

    public ConvergenceModel {
        if (baseSteps <= 0 || rankPenalty < 0 || freezingPenalty < 0 || driftPerStep < 0) {
            throw new IllegalArgumentException("convergence parameters must be non-negative, base steps positive");
        }
    }

    /** 1,000 steps at full rank; rank 4 doubles them, freezing everything doubles them, 2% per extra local step. */
    public static ConvergenceModel defaults() {
        return new ConvergenceModel(1000, 4, 1, 0.02);
    }

    public double steps(SplitLearningSetup setup) {
        return baseSteps * (1 + rankPenalty / setup.loraRank()) * (1 + freezingPenalty * setup.freezingRatio())
                * (1 + driftPerStep * (setup.aggregationInterval() - 1));
    }
}
