package io.edgellm.planner.split;

import java.util.Optional;

/**
 * Exact split and placement over a small set of hosts (see {@link ChainDp}): each host holds at
 * most one shard, so its memory limit is exact, and the number of shards (hops) is whatever
 * minimises the objective. Exponential in the number of hosts, so limited to {@value #MAX_HOSTS};
 * {@link ScalableSplitPlanner} picks which ones on larger topologies.
 */
public final class ExactSplitPlanner implements SplitPlanner {

    public static final int MAX_HOSTS = 10;

    @Override
    public String name() {
        return "exact-dp";
    }

    @Override
    public Optional<Chain> search(PlacementProblem problem) {
        if (problem.hostCount() > MAX_HOSTS) {
            throw new IllegalArgumentException("exact search handles at most " + MAX_HOSTS + " hosts, got "
                    + problem.hostCount());
        }
        return search(problem, ChainStates.allHosts(problem));
    }

    /** Exact optimum among chains that use only the hosts in {@code subset} (problem host indices). */
    public Optional<Chain> search(PlacementProblem problem, int[] subset) {
        return ChainDp.distinctHosts(problem, subset);
    }
}
