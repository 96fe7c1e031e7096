package io.edgellm.planner.split;

import java.util.Arrays;
import java.util.Optional;

/**
 * Baseline: equal shards over the m nearest hosts (earlier shards take the remainder), trying
 * every m up to the pool size and keeping the best.
 */
public final class EvenSplit implements SplitPlanner {

    @Override
    public String name() {
        return "even";
    }

    @Override
    public Optional<Chain> search(PlacementProblem problem) {
        int[] pool = BaselinePool.nearest(problem);
        Optional<Chain> best = Optional.empty();
        for (int m = 1; m <= Math.min(pool.length, problem.blocks()); m++) {
            int[] blocks = new int[m];
            for (int s = 0; s < m; s++) {
                blocks[s] = problem.blocks() / m + (s < problem.blocks() % m ? 1 : 0);
            }
            best = BaselinePool.better(best, BaselinePool.scored(problem, Arrays.copyOf(pool, m), blocks));
        }
        return best;
    }
}
