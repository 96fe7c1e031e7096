package io.edgellm.cli.plan;

import io.edgellm.planner.split.Plan;
import io.edgellm.planner.split.PlanMetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@code edgellm plan}: every figure of every plan, whatever the objective, with
 * {@code null} where a figure does not exist (training figures of a plan whose first shard is off
 * the source). Memory is checked for the objective's kind only.
 */
final class PlanJson {

    private PlanJson() {
    }

    static Map<String, Object> of(PlanOutcome outcome) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("topology", outcome.topology().name());
        root.put("model", outcome.shape());
        root.put("precision", outcome.workload().precision().yamlName());
        root.put("source", outcome.sourceId());
        root.put("objective", outcome.objective().cliName());
        outcome.budget().ifPresent(b -> {
            Map<String, Object> budget = new LinkedHashMap<>();
            budget.put("metric", b.metric().cliName());
            budget.put("limit", b.limit());
            root.put("budget", budget);
        });
        root.put("plan", plan(outcome, outcome.plan()));
        outcome.unbudgeted().ifPresent(u -> root.put("unbudgeted", plan(outcome, u)));
        List<Object> baselines = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (PlanOutcome.Baseline b : outcome.baselines()) {
            b.plan().ifPresentOrElse(p -> baselines.add(plan(outcome, p)), () -> without.add(b.algorithm()));
        }
        root.put("baselines", baselines);
        root.put("baselinesWithoutPlan", without);
        return root;
    }

    private static Map<String, Object> plan(PlanOutcome outcome, Plan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("algorithm", plan.algorithm());
        json.put("value", plan.value());
        json.put("lowerBound", Double.isNaN(plan.lowerBound()) ? null : plan.lowerBound());
        if (outcome.budget().isPresent()) {
            json.put("withinBudget", outcome.withinBudget(plan));
        }
        json.put("shards", plan.shards());
        PlanMetrics m = plan.metrics();
        Map<String, Object> predicted = new LinkedHashMap<>();
        predicted.put("decodeSecondsPerToken", m.decodeSecondsPerToken());
        predicted.put("ttftSeconds", m.ttftSeconds());
        predicted.put("tokensPerSecond", m.tokensPerSecond());
        predicted.put("trainStepSeconds", finite(m.trainStepSeconds()));
        predicted.put("joulesPerToken", m.joulesPerToken());
        predicted.put("joulesPerTrainStep", finite(m.joulesPerTrainStep()));
        json.put("predicted", predicted);
        json.put("memory", m.memory());
        json.put("links", m.links());
        return json;
    }

    /** JSON has no infinity. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
