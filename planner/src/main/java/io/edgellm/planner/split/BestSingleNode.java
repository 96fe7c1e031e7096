package io.edgellm.planner.split;

import java.util.Optional;

/** Baseline: the whole model on the one host that does best. */
public final class BestSingleNode implements SplitPlanner {

    @Override
    public String name() {
        return "single-node";
    }

    @Override
    public Optional<Chain> search(PlacementProblem problem) {
        Optional<Chain> best = Optional.empty();
        for (int h = 0; h < problem.hostCount(); h++) {
            best = BaselinePool.better(best, BaselinePool.scored(problem, new int[] {h}, new int[] {problem.blocks()}));
        }
        return best;
    }
}
