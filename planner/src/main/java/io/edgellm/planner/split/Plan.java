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

    /** Relative gap to the lower bound: 0 for a proven optimum, NaN without a bound. */
    public double provenGap() {
        return lowerBound > 0 ? value() / lowerBound - 1 : (value() == lowerBound ? 0 : Double.NaN);
    }

    public int hops() {
        return shards.size();
    }
}
