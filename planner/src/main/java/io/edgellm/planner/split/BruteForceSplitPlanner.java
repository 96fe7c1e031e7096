package io.edgellm.planner.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reference answer for small instances: every sequence of distinct hosts and every way to cut the
 * blocks among them, each scored independently by {@link PlanEvaluator}. Exponential; for tests and
 * for measuring heuristics' gaps.
 */
public final class BruteForceSplitPlanner implements SplitPlanner {

    private static final int MAX_HOSTS = 7;
    private static final int MAX_BLOCKS = 12;

    @Override
    public String name() {
        return "brute-force";
    }

    @Override
    public Optional<Chain> search(PlacementProblem problem) {
        return search(problem, metrics -> true);
    }

    /** The best plan whose budgeted figure, as the evaluator computes it, stays within the budget. */
    public Optional<Chain> search(BudgetedProblem problem) {
        Budget budget = problem.budget();
        return search(problem.primary(), metrics -> budget.admits(budget.of(metrics)));
    }

    private Optional<Chain> search(PlacementProblem problem, Predicate<PlanMetrics> admissible) {
        if (problem.hostCount() > MAX_HOSTS || problem.blocks() > MAX_BLOCKS) {
            throw new IllegalArgumentException("brute force is limited to " + MAX_HOSTS + " hosts and "
                    + MAX_BLOCKS + " blocks");
        }
        PlanEvaluator evaluator = new PlanEvaluator(problem.topology(), problem.costModel(), problem.source());
        Search search = new Search(problem, evaluator, admissible);
        search.extend(new ArrayList<>(), new boolean[problem.hostCount()]);
        return Optional.ofNullable(search.best);
    }

    private static final class Search {
        private final PlacementProblem problem;
        private final PlanEvaluator evaluator;
        private final Predicate<PlanMetrics> admissible;
        private Chain best;

        Search(PlacementProblem problem, PlanEvaluator evaluator, Predicate<PlanMetrics> admissible) {
            this.problem = problem;
            this.evaluator = evaluator;
            this.admissible = admissible;
        }

        void extend(List<Integer> sequence, boolean[] used) {
            if (!sequence.isEmpty() && sequence.size() <= problem.blocks()) {
                cut(sequence, new int[sequence.size()], 0, 0);
            }
            for (int h = 0; h < used.length; h++) {
                if (!used[h]) {
                    used[h] = true;
                    sequence.add(h);
                    extend(sequence, used);
                    sequence.removeLast();
                    used[h] = false;
                }
            }
        }

        private void cut(List<Integer> sequence, int[] sizes, int shard, int placed) {
            int remainingShards = sequence.size() - shard;
            if (remainingShards == 1) {
                sizes[shard] = problem.blocks() - placed;
                score(sequence, sizes);
                return;
            }
            for (int n = 1; placed + n + remainingShards - 1 <= problem.blocks(); n++) {
                sizes[shard] = n;
                cut(sequence, sizes, shard + 1, placed + n);
            }
        }

        private void score(List<Integer> sequence, int[] sizes) {
            List<Shard> shards = new ArrayList<>();
            int from = 0;
            for (int s = 0; s < sizes.length; s++) {
                int node = problem.host(sequence.get(s));
                shards.add(new Shard(problem.topology().node(node).id(), node, from, from + sizes[s]));
                from += sizes[s];
            }
            PlanMetrics metrics = evaluator.evaluate(shards, problem.objective());
            double value = metrics.value(problem.objective());
            if (metrics.feasible() && admissible.test(metrics) && value < Double.POSITIVE_INFINITY
                    && (best == null || value < best.value())) {
                best = new Chain(sequence.stream().mapToInt(Integer::intValue).toArray(), sizes.clone(), value, value);
            }
        }
    }
}
