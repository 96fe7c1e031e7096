package io.edgellm.cli.plan;

import io.edgellm.cli.TextTable;
import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.split.Budget;
import io.edgellm.planner.split.LinkLoad;
import io.edgellm.planner.split.NodeMemory;
import io.edgellm.planner.split.Objective;
import io.edgellm.planner.split.Plan;
import io.edgellm.planner.split.PlanMetrics;
import io.edgellm.planner.split.Shard;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The human-readable report of {@code edgellm plan}. It shows the figures of the objective's kind
 * only: an inference plan's memory was checked for inference, so its training figures would
 * describe a plan that may not fit, and the other way round.
 */
final class PlanTables {

    private final PlanOutcome outcome;
    private final PrintWriter out;

    private PlanTables(PlanOutcome outcome, PrintWriter out) {
        this.outcome = outcome;
        this.out = out;
    }

    static void print(PlanOutcome outcome, PrintWriter out) {
        new PlanTables(outcome, out).print();
    }

    private void print() {
        Plan plan = outcome.plan();
        Objective objective = outcome.objective();
        out.printf(Locale.ROOT, "%s: %s, %d blocks at %s on %s (%d nodes), source %s, objective %s%s%n",
                outcome.model(), outcome.shape().architecture(), outcome.shape().blockCount(),
                outcome.workload().precision().yamlName(), outcome.topology().name(), outcome.topology().size(),
                outcome.sourceId(), objective.cliName(), outcome.budget().map(b -> ", " + describe(b)).orElse(""));
        out.printf(Locale.ROOT, "plan by %s: %d shard%s, %s%n%n", plan.algorithm(), plan.hops(),
                plan.hops() == 1 ? "" : "s", optimality(plan));
        shards(plan);
        figures(plan.metrics());
        links(plan.metrics());
        comparison();
    }

    private static String describe(Budget budget) {
        return budget.metric().figure() + " at most " + Format.objective(budget.metric(), budget.limit());
    }

    private static String optimality(Plan plan) {
        double gap = plan.provenGap();
        if (gap == 0) {
            return "proven optimal";
        }
        return Double.isNaN(gap) ? "no optimality bound"
                : String.format(Locale.ROOT, "within %.2f%% of optimal (relaxation bound)", 100 * gap);
    }

    private void shards(Plan plan) {
        String memory = outcome.objective().training() ? "training memory>" : "memory>";
        TextTable table = new TextTable("shard", "blocks", "node", "role", memory, "capacity>");
        Map<String, NodeMemory> byNode = new LinkedHashMap<>();
        plan.metrics().memory().forEach(m -> byNode.put(m.nodeId(), m));
        for (int s = 0; s < plan.shards().size(); s++) {
            Shard shard = plan.shards().get(s);
            NodeMemory m = byNode.get(shard.nodeId());
            table.row(s, "[" + shard.fromBlock() + ", " + shard.toBlock() + ")" + (s == 0 ? " +embedding" : "")
                            + (s == plan.shards().size() - 1 ? " +head" : ""), shard.nodeId(),
                    outcome.topology().node(shard.node()).role().yamlName(), Format.bytes(m.usedBytes()),
                    Format.bytes(m.capacityBytes()));
        }
        table.print(out);
        out.println();
    }

    private void figures(PlanMetrics metrics) {
        Workload workload = outcome.workload();
        TextTable table = new TextTable("predicted", "value>");
        if (outcome.objective().training()) {
            table.row("split-learning step (" + workload.training().batchTokens() + " tokens)",
                    Format.objective(Objective.TRAIN_ROUND, metrics.trainStepSeconds()));
            table.row("energy per training step",
                    Format.objective(Objective.TRAIN_ENERGY, metrics.joulesPerTrainStep()));
        } else {
            table.row("decode latency", Format.objective(Objective.DECODE_LATENCY, metrics.decodeSecondsPerToken()));
            table.row("time to first token (" + workload.promptTokens() + "-token prompt)",
                    Format.objective(Objective.TTFT, metrics.ttftSeconds()));
            table.row("pipelined throughput (" + workload.concurrentSequences() + " sequences)",
                    Format.objective(Objective.THROUGHPUT, metrics.bottleneckSecondsPerToken()));
            table.row("energy per decoded token", Format.objective(Objective.ENERGY, metrics.joulesPerToken()));
        }
        table.print(out);
        out.println();
    }

    private void links(PlanMetrics metrics) {
        if (metrics.links().isEmpty()) {
            return;
        }
        boolean training = outcome.objective().training();
        TextTable table = training ? new TextTable("link", "per train step>")
                : new TextTable("link", "per token>", "per prefill>");
        for (LinkLoad load : metrics.links()) {
            String link = load.from() + " -> " + load.to();
            if (training) {
                table.row(link, Format.bytes(load.bytesPerTrainStep()));
            } else {
                table.row(link, Format.bytes(load.bytesPerToken()), Format.bytes(load.bytesPerPrefill()));
            }
        }
        table.print(out);
        out.println();
    }

    /** The plan against the unbudgeted plan and the baselines, each with the budgeted figure when there is a budget. */
    private void comparison() {
        Plan plan = outcome.plan();
        Objective objective = outcome.objective();
        List<String[]> rows = new ArrayList<>();
        rows.add(row(plan.algorithm(), plan, "-", ""));
        outcome.unbudgeted().ifPresent(u -> rows.add(row(u.algorithm() + ", no budget", u,
                Format.change(objective, u.value(), plan.value()), note(u))));
        for (PlanOutcome.Baseline baseline : outcome.baselines()) {
            rows.add(baseline.plan().map(b -> row(b.algorithm(), b, Format.change(objective, b.value(), plan.value()),
                    note(b))).orElseGet(() -> row(baseline.algorithm(), null, "-", outcome.whyNoPlan())));
        }
        List<String> headers = new ArrayList<>(List.of("algorithm", objective.cliName() + ">"));
        outcome.budget().ifPresent(b -> headers.add(b.metric().cliName() + ">"));
        headers.addAll(List.of("shards>", "vs " + plan.algorithm() + ">"));
        boolean notes = rows.stream().anyMatch(r -> !r[r.length - 1].isEmpty());
        if (notes) {
            headers.add("note");
        }
        TextTable table = new TextTable(headers.toArray(String[]::new));
        for (String[] r : rows) {
            table.row((Object[]) (notes ? r : Arrays.copyOf(r, r.length - 1)));
        }
        table.print(out);
    }

    private String note(Plan other) {
        return outcome.withinBudget(other) ? "" : "over budget";
    }

    /** Cells of one comparison row; {@code plan} null for a baseline that found none. */
    private String[] row(String algorithm, Plan plan, String change, String note) {
        List<String> cells = new ArrayList<>();
        cells.add(algorithm);
        cells.add(plan == null ? "-" : Format.objective(outcome.objective(), plan.value()));
        Optional<Budget> budget = outcome.budget();
        budget.ifPresent(b -> cells.add(plan == null ? "-" : Format.objective(b.metric(), b.of(plan.metrics()))));
        cells.add(plan == null ? "-" : Integer.toString(plan.hops()));
        cells.add(change);
        cells.add(note);
        return cells.toArray(String[]::new);
    }
}
