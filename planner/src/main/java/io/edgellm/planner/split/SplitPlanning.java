package io.edgellm.planner.split;

import io.edgellm.planner.topology.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Runs a planner on a problem and turns its chain into a {@link Plan}, or explains why none exists. */
public final class SplitPlanning {

    private static final double GIB = 1L << 30;

    private SplitPlanning() {
    }

    public static Plan plan(PlacementProblem problem, SplitPlanner planner) {
        Chain chain = planner.search(problem).orElseThrow(() -> new InfeasiblePlanException(explain(problem)));
        return toPlan(problem, planner.name(), chain);
    }

    /** The best plan within the budget, or an exception naming the budget or the constraint that rules plans out. */
    public static Plan plan(BudgetedProblem problem, BudgetedSplitPlanner planner) {
        Chain chain = planner.search(problem).orElseThrow(() -> new InfeasiblePlanException(explain(problem)));
        return toPlan(problem.primary(), planner.name(), chain);
    }

    public static Plan toPlan(PlacementProblem problem, String algorithm, Chain chain) {
        List<Shard> shards = new ArrayList<>();
        int from = 0;
        for (int s = 0; s < chain.hosts().length; s++) {
            int node = problem.host(chain.hosts()[s]);
            shards.add(new Shard(problem.topology().node(node).id(), node, from, from + chain.blocks()[s]));
            from += chain.blocks()[s];
        }
        PlanEvaluator evaluator = new PlanEvaluator(problem.topology(), problem.costModel(), problem.source());
        return new Plan(algorithm, problem.objective(), shards, evaluator.evaluate(shards, problem.objective()),
                chain.lowerBound());
    }

    /** Names the constraint that rules out every plan. */
    static String explain(PlacementProblem problem) {
        var workload = problem.costModel().workload();
        String precision = workload.precision().yamlName();
        if (problem.hostCount() == 0) {
            return "precision: no usable node lists a compute throughput for " + precision;
        }
        boolean training = problem.objective().training();
        Node source = problem.topology().node(problem.source());
        if (training && (!source.supports(workload.precision()) || firstShardCapacity(problem) == 0)) {
            double needed = problem.costModel().memoryBytes(true, 1, true, problem.blocks() == 1);
            return String.format(Locale.ROOT, "memory on %s: split learning keeps the first shard (embedding and "
                    + "at least one block) on the data's source, which needs %.2f GiB%s but %s has %.2f GiB",
                    source.id(), needed / GIB, source.supports(workload.precision()) ? "" : " and " + precision
                    + " kernels", source.id(), source.memoryBytes() / GIB);
        }
        int capacity = 0;
        double memory = 0;
        for (int h = 0; h < problem.hostCount(); h++) {
            capacity += problem.maxBlocks(h, false, false);
            memory += problem.topology().node(problem.host(h)).memoryBytes();
        }
        double needed = problem.costModel().memoryBytes(training, problem.blocks(), true, true);
        return String.format(Locale.ROOT, "memory: the model needs %.2f GiB at %s (%s), but the %d usable nodes "
                        + "hold %.2f GiB together and at most %d of its %d blocks%s", needed / GIB, precision,
                training ? "weights, optimiser state and saved activations" : "weights and KV cache",
                problem.hostCount(), memory / GIB, Math.min(capacity, problem.blocks()), problem.blocks(),
                capacity >= problem.blocks() ? "; no node can also hold the embedding or the output head" : "");
    }

    /** Names the budget as the reason, with the least of the budgeted figure any plan needs. */
    static String explain(BudgetedProblem problem) {
        Optional<Chain> least = new ScalableSplitPlanner().search(problem.budgeted());
        if (least.isEmpty()) {
            return explain(problem.primary());
        }
        Budget budget = problem.budget();
        Objective metric = budget.metric();
        Chain c = least.get();
        String lead = "budget: no plan keeps " + metric.figure() + " within " + metric.format(budget.limit());
        if (!budget.admits(c.lowerBound())) {
            return lead + (c.lowerBound() == c.value() ? "; the least any plan needs is " + metric.format(c.value())
                    : "; every plan needs at least " + metric.format(c.lowerBound()) + " (the least found is "
                    + metric.format(c.value()) + ")");
        }
        return lead + " among the candidate hosts searched; the least found is " + metric.format(c.value())
                + ", and the relaxation bound " + metric.format(c.lowerBound()) + " does not rule out a plan within it";
    }

    private static int firstShardCapacity(PlacementProblem problem) {
        for (int h = 0; h < problem.hostCount(); h++) {
            if (problem.host(h) == problem.source()) {
                return Math.max(problem.maxBlocks(h, true, false), problem.maxBlocks(h, true, true));
            }
        }
        return 0;
    }
}
