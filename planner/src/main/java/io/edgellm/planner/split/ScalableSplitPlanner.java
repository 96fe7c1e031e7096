package io.edgellm.planner.split;

import java.util.List;
import java.util.Optional;

/**
 * Split and placement for any number of hosts, with a proven bound on its gap.
 * <ol>
 *   <li>Solve the relaxation that lets a host be revisited ({@link ChainDp#revisitingHosts}); its
 *       optimum is a lower bound, and if its chain uses distinct hosts it is optimal (gap 0).</li>
 *   <li>Otherwise keep a candidate set (see {@link CandidateHosts}): the relaxed chain's hosts, then
 *       the hosts that look best alone, up to {@code candidates}; and solve exactly over it with
 *       {@link ExactSplitPlanner}. When the set holds every host that could take a shard, as on
 *       small topologies, that answer is the optimum (gap 0).</li>
 * </ol>
 * The returned chain carries its bound, so every answer states its worst-case gap; tests and the
 * benchmark also measure the real gap against brute force.
 */
public final class ScalableSplitPlanner implements SplitPlanner {

    private final int candidates;

    public ScalableSplitPlanner() {
        this(ExactSplitPlanner.MAX_HOSTS);
    }

    public ScalableSplitPlanner(int candidates) {
        this.candidates = CandidateHosts.checkedLimit(candidates);
    }

    @Override
    public String name() {
        return "dp";
    }

    @Override
    public Optional<Chain> search(PlacementProblem problem) {
        Optional<Chain> relaxed = ChainDp.revisitingHosts(problem);
        if (relaxed.isEmpty() || ChainDp.distinct(relaxed.get().hosts())) {
            return relaxed;
        }
        int[] useful = CandidateHosts.useful(problem);
        if (useful.length <= candidates) {
            // Every host that can hold a block fits in the exact search (as in BudgetedSplitPlanner).
            return ChainDp.distinctHosts(problem, useful);
        }
        int[] subset = CandidateHosts.choose(candidates, List.of(relaxed.get().hosts()), List.of(problem));
        return ChainDp.distinctHosts(problem, subset)
                .map(c -> new Chain(c.hosts(), c.blocks(), c.value(), relaxed.get().value()));
    }
}
