package io.edgellm.planner.split;

import java.util.List;

/**
 * A chosen split: shards in pipeline order with their predicted figures.
 *
 * @param lowerBound a proven lower bound on the objective (equal to the value when the plan is
 *                   proven optimal); NaN when the algorithm gives none
 */
public record Plan(String algorithm, Objective objective, List<Shard> shards, PlanMetrics metrics,
                   double lowerBound) {

    public Plan {
        shards = List.copyOf(shards);
    }

    public double value() {
        return metrics.value(objective);
    }

    /**
     * Relative gap to the lower bound: 0 for a proven optimum, NaN without a bound. Differences
     * below 1e-9 are rounding between the search's sums and the evaluator's, and count as 0.
     */
    public double provenGap() {
        if (Double.isNaN(lowerBound)) {
            return Double.NaN;
        }
        double gap = lowerBound > 0 ? value() / lowerBound - 1 : value() - lowerBound;
        return Math.abs(gap) < 1e-9 ? 0 : gap;
    }

    public int hops() {
        return shards.size();
    }
}
