package io.edgellm.planner.precision;

import io.edgellm.planner.cost.CostModel;
import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.split.Budget;
import io.edgellm.planner.split.BudgetedProblem;
import io.edgellm.planner.split.BudgetedSplitPlanner;
import io.edgellm.planner.split.InfeasiblePlanException;
import io.edgellm.planner.split.Objective;
import io.edgellm.planner.split.Plan;
import io.edgellm.planner.split.PlacementProblem;
import io.edgellm.planner.split.SplitPlanner;
import io.edgellm.planner.split.SplitPlanning;
import io.edgellm.planner.topology.Topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Precision per request (paper VI-A1): among precisions whose accuracy meets the request's floor,
 * take the most accurate one whose best plan answers within the latency limit (ties: the faster).
 * A request's latency is time to first token plus (output tokens − 1) decode steps, with the
 * placement that minimises decode latency for that precision; under an energy budget (green mode),
 * the placement that minimises decode latency among those within the budget of joules per token.
 */
public final class PrecisionChooser {

    private final SplitPlanner planner;
    private final AccuracyTable accuracy;
    private final Budget energy;

    public PrecisionChooser(SplitPlanner planner, AccuracyTable accuracy) {
        this(planner, accuracy, null);
    }

    private PrecisionChooser(SplitPlanner planner, AccuracyTable accuracy, Budget energy) {
        this.planner = planner;
        this.accuracy = accuracy;
        this.energy = energy;
    }

    /** The same chooser, placing every precision within a budget of joules per decoded token. */
    public PrecisionChooser withEnergyBudget(double joulesPerToken) {
        return new PrecisionChooser(planner, accuracy, new Budget(Objective.ENERGY, joulesPerToken));
    }

    public PrecisionChoice choose(Topology topology, ModelProfile profile, Workload workload, int source,
                                  int outputTokens, double latencyLimitSeconds, double accuracyFloor) {
        List<Precision> candidates = new ArrayList<>();
        for (Precision p : Precision.values()) {
            if (accuracy.of(p) >= accuracyFloor) {
                candidates.add(p);
            }
        }
        if (candidates.isEmpty()) {
            throw new InfeasiblePlanException(String.format(Locale.ROOT,
                    "accuracy floor: no precision reaches accuracy %.3f", accuracyFloor));
        }
        candidates.sort(Comparator.comparingDouble((Precision p) -> -accuracy.of(p)).thenComparing(p -> p));
        PrecisionChoice best = null;
        PrecisionChoice fastest = null;
        List<String> unplaceable = new ArrayList<>();
        for (Precision p : candidates) {
            PlacementProblem problem = new PlacementProblem(topology, new CostModel(profile, workload.withPrecision(p)),
                    Objective.DECODE_LATENCY, source, false);
            Plan plan;
            try {
                plan = energy == null ? SplitPlanning.plan(problem, planner)
                        : SplitPlanning.plan(new BudgetedProblem(problem, energy), new BudgetedSplitPlanner());
            } catch (InfeasiblePlanException e) {
                unplaceable.add(p.yamlName() + " (" + e.getMessage() + ")");
                continue;
            }
            double seconds = plan.metrics().ttftSeconds()
                    + (outputTokens - 1) * plan.metrics().decodeSecondsPerToken();
            PrecisionChoice choice = new PrecisionChoice(p, accuracy.of(p), plan, seconds);
            if (fastest == null || seconds < fastest.requestSeconds()) {
                fastest = choice;
            }
            if (seconds <= latencyLimitSeconds && (best == null || choice.accuracy() > best.accuracy()
                    || (choice.accuracy() == best.accuracy() && seconds < best.requestSeconds()))) {
                best = choice;
            }
        }
        if (best != null) {
            return best;
        }
        if (fastest == null) {
            throw new InfeasiblePlanException("no precision meeting the accuracy floor can be placed"
                    + (energy == null ? "" : " within the energy budget") + ": " + String.join("; ", unplaceable));
        }
        throw new InfeasiblePlanException(String.format(Locale.ROOT,
                "latency limit: %.3f s is below the fastest request of the decode-latency plans meeting "
                        + "accuracy %.3f%s, %.3f s (%s)",
                latencyLimitSeconds, accuracyFloor, energy == null ? "" : " within the energy budget",
                fastest.requestSeconds(), fastest.precision().yamlName()));
    }
}
