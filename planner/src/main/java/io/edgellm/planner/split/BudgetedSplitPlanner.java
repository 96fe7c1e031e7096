package io.edgellm.planner.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Split and placement under a budget (green mode), for any number of hosts, with a proven bound on
 * its gap; the budgeted counterpart of {@link ScalableSplitPlanner}, whose answers it starts from.
 * <ol>
 *   <li>The unbudgeted plan: if it meets the budget, the budget does not bind and it is the answer.</li>
 *   <li>The plan needing the least of the budgeted figure: if even its lower bound exceeds the budget,
 *       no plan meets it. Otherwise, if it meets the budget, it is the incumbent the searches below
 *       must beat.</li>
 *   <li>When few hosts could take a shard, {@link ParetoChainDp} over all of them: the optimum.</li>
 *   <li>Otherwise the relaxation that may revisit hosts: its best chain within the budget is a lower
 *       bound, and the optimum if its hosts are distinct; failing that, the exact search over
 *       candidate hosts: those of the incumbent (so a plan is found whenever it exists), those of the
 *       relaxed chain, then the hosts that look best alone on either figure.</li>
 * </ol>
 */
public final class BudgetedSplitPlanner {

    private final int candidates;

    public BudgetedSplitPlanner() {
        this(ExactSplitPlanner.MAX_HOSTS);
    }

    public BudgetedSplitPlanner(int candidates) {
        this.candidates = CandidateHosts.checkedLimit(candidates);
    }

    public String name() {
        return "dp";
    }

    /** The best chain within the budget this method finds; empty when it finds none. */
    public Optional<Chain> search(BudgetedProblem problem) {
        Budget budget = problem.budget();
        PlacementProblem primary = problem.primary();
        PlacementProblem budgeted = problem.budgeted();
        ScalableSplitPlanner unbudgeted = new ScalableSplitPlanner(candidates);
        Optional<Chain> best = unbudgeted.search(primary);
        if (best.isEmpty() || budget.admits(budgeted.cost(best.get().hosts(), best.get().blocks()))) {
            return best;
        }
        Optional<Chain> least = unbudgeted.search(budgeted);
        double leastBound = least.map(Chain::lowerBound).orElseGet(() -> ChainDp.revisitingHosts(budgeted)
                .map(Chain::value).orElse(Double.POSITIVE_INFINITY));
        if (!budget.admits(leastBound)) {
            return Optional.empty();
        }
        Optional<Chain> incumbent = least.filter(c -> budget.admits(c.value()));
        int[] useful = CandidateHosts.useful(primary);
        if (useful.length <= candidates) {
            return ParetoChainDp.distinctHosts(problem, useful, best.get().lowerBound(), objective(primary, incumbent));
        }
        Optional<Chain> relaxed = ParetoChainDp.revisitingHosts(problem, best.get().lowerBound(),
                objective(primary, incumbent));
        if (relaxed.isEmpty() || ChainDp.distinct(relaxed.get().hosts())) {
            return relaxed;
        }
        List<int[]> seeds = new ArrayList<>();
        incumbent.ifPresent(c -> seeds.add(c.hosts()));
        seeds.add(relaxed.get().hosts());
        int[] subset = CandidateHosts.choose(candidates, seeds, List.of(primary, budgeted));
        Optional<Chain> reachable = incumbent.filter(c -> Arrays.stream(c.hosts())
                .allMatch(h -> Arrays.binarySearch(subset, h) >= 0));
        // Without the budget the same hosts can do no worse: a tighter start for the search's cap.
        double start = Math.max(relaxed.get().value(), ChainDp.distinctHosts(primary, subset).map(Chain::value)
                .orElse(Double.POSITIVE_INFINITY));
        return ParetoChainDp.distinctHosts(problem, subset, start, objective(primary, reachable))
                .map(c -> new Chain(c.hosts(), c.blocks(), c.value(), relaxed.get().value()));
    }

    private static double objective(PlacementProblem primary, Optional<Chain> chain) {
        return chain.map(c -> primary.cost(c.hosts(), c.blocks())).orElse(Double.POSITIVE_INFINITY);
    }
}
