package io.edgellm.cli.plan;

import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.profile.ModelShape;
import io.edgellm.planner.split.Budget;
import io.edgellm.planner.split.Objective;
import io.edgellm.planner.split.Plan;
import io.edgellm.planner.topology.Topology;

import java.util.List;
import java.util.Optional;

/**
 * What {@code edgellm plan} found, for the tables and the JSON alike.
 *
 * @param budget the budget the plan had to meet, if one was given
 * @param unbudgeted with a budget, the plan the same search picks without it (the price of the budget)
 * @param baselines every baseline, with its plan or none when it found no plan within memory
 */
record PlanOutcome(String model, ModelShape shape, Topology topology, String sourceId, Workload workload, Plan plan,
                   Optional<Budget> budget, Optional<Plan> unbudgeted, List<Baseline> baselines) {

    record Baseline(String algorithm, Optional<Plan> plan) {
    }

    Objective objective() {
        return plan.objective();
    }

    /** Whether a plan meets the budget; true without one. */
    boolean withinBudget(Plan other) {
        return budget.map(b -> b.admits(b.of(other.metrics()))).orElse(true);
    }

    /** Why a baseline found no plan: baselines fail only on memory, or on keeping the data's shard home. */
    String whyNoPlan() {
        return objective().training() ? "no plan fits memory with the first shard on " + sourceId
                : "no plan fits memory";
    }
}
