package io.edgellm.cli.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgellm.cli.TextTable;
import io.edgellm.cli.UserException;
import io.edgellm.planner.cost.CostModel;
import io.edgellm.planner.cost.TrainingSetup;
import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.profile.ModelShape;
import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.split.BestSingleNode;
import io.edgellm.planner.split.EvenSplit;
import io.edgellm.planner.split.GreedySplit;
import io.edgellm.planner.split.LinkLoad;
import io.edgellm.planner.split.MemoryProportionalSplit;
import io.edgellm.planner.split.NodeMemory;
import io.edgellm.planner.split.Objective;
import io.edgellm.planner.split.PlacementProblem;
import io.edgellm.planner.split.Plan;
import io.edgellm.planner.split.PlanMetrics;
import io.edgellm.planner.split.ScalableSplitPlanner;
import io.edgellm.planner.split.Shard;
import io.edgellm.planner.split.SplitPlanner;
import io.edgellm.planner.split.SplitPlanning;
import io.edgellm.planner.topology.NodeRole;
import io.edgellm.planner.topology.Topology;
import io.edgellm.planner.topology.TopologyYaml;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgellm plan}: split a model into shards and place them on a topology's nodes. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Choose cut points and a node for every shard, and predict latency, traffic and memory.")
public final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--topology", required = true, paramLabel = "T.yaml", description = "Topology file.")
    Path topologyFile;

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "A GGUF file, a model-shape YAML file or a preset (llama-1b, llama-7b, tinyllama-1.1b, "
                    + "qwen2.5-0.5b, llama-13b, llama-70b).")
    String model;

    @Option(names = "--objective", defaultValue = "decode-latency", paramLabel = "O",
            description = "decode-latency, ttft, throughput, train-round, energy or train-energy (default: ${DEFAULT-VALUE}).")
    String objectiveName;

    @Option(names = "--source", paramLabel = "NODE",
            description = "Where requests (or training data) come from; default: the first device.")
    String sourceId;

    @Option(names = "--precision", defaultValue = "q8_0", description = "Weight precision (default: ${DEFAULT-VALUE}).")
    String precisionName;

    @Option(names = "--prompt-tokens", defaultValue = "512", description = "Prompt length for TTFT (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--context-tokens", defaultValue = "1024",
            description = "Context each decoded token attends to, and KV cache per sequence (default: ${DEFAULT-VALUE}).")
    int contextTokens;

    @Option(names = "--sequences", defaultValue = "8",
            description = "Concurrent sequences for throughput and KV memory (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--include-devices", description = "Let other users' devices host shards too.")
    boolean includeDevices;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Objective objective = Objective.fromCliName(objectiveName).orElseThrow(() -> new UserException(
                "--objective: unknown objective '" + objectiveName + "'; use decode-latency, ttft, throughput, "
                        + "train-round, energy or train-energy"));
        Precision precision = Precision.fromName(precisionName).orElseThrow(() -> new UserException(
                "--precision: unknown precision '" + precisionName + "'; use f32, f16, q8_0, q4_0 or q4_k"));
        if (promptTokens <= 0 || contextTokens < promptTokens || sequences <= 0) {
            throw new UserException("need 0 < --prompt-tokens <= --context-tokens and --sequences > 0");
        }
        Topology topology = PlannerErrors.userFacing(() -> TopologyYaml.read(topologyFile));
        ModelShape shape = PlannerErrors.userFacing(() -> ModelSources.resolve(model));
        int source = source(topology);
        Workload workload = new Workload(precision, promptTokens, contextTokens, sequences,
                TrainingSetup.loraDefault());
        PlacementProblem problem = new PlacementProblem(topology, new CostModel(new ModelProfile(shape), workload),
                objective, source, includeDevices);
        Plan plan = PlannerErrors.userFacing(() -> SplitPlanning.plan(problem, new ScalableSplitPlanner()));
        List<Plan> baselines = new ArrayList<>();
        for (SplitPlanner baseline : List.of(new BestSingleNode(), new EvenSplit(), new MemoryProportionalSplit(),
                new GreedySplit())) {
            baseline.search(problem).ifPresent(chain -> baselines.add(
                    SplitPlanning.toPlan(problem, baseline.name(), chain)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(topology, shape, workload, plan, baselines)));
        } else {
            printTables(out, topology, shape, workload, plan, baselines);
        }
        out.flush();
        return 0;
    }

    private int source(Topology topology) {
        if (sourceId != null) {
            return topology.indexOf(sourceId).orElseThrow(() -> new UserException(
                    "--source: no node '" + sourceId + "' in " + topologyFile));
        }
        for (int i = 0; i < topology.size(); i++) {
            if (topology.node(i).role() == NodeRole.DEVICE) {
                return i;
            }
        }
        return 0;
    }

    private void printTables(PrintWriter out, Topology topology, ModelShape shape, Workload workload, Plan plan,
                             List<Plan> baselines) {
        Objective objective = plan.objective();
        out.printf(Locale.ROOT, "%s: %s, %d blocks at %s on %s (%d nodes), objective %s%n", model,
                shape.architecture(), shape.blockCount(), workload.precision().yamlName(), topology.name(),
                topology.size(), objective.cliName());
        out.printf(Locale.ROOT, "plan by %s: %d shard%s, %s%n%n", plan.algorithm(), plan.hops(),
                plan.hops() == 1 ? "" : "s", optimality(plan));
        TextTable shards = new TextTable("shard", "blocks", "node", "role", "memory>", "capacity>");
        Map<String, NodeMemory> memory = new LinkedHashMap<>();
        plan.metrics().memory().forEach(m -> memory.put(m.nodeId(), m));
        for (int s = 0; s < plan.shards().size(); s++) {
            Shard shard = plan.shards().get(s);
            NodeMemory m = memory.get(shard.nodeId());
            shards.row(s, "[" + shard.fromBlock() + ", " + shard.toBlock() + ")" + (s == 0 ? " +embedding" : "")
                            + (s == plan.shards().size() - 1 ? " +head" : ""), shard.nodeId(),
                    topology.node(shard.node()).role().yamlName(), Format.bytes(m.usedBytes()),
                    Format.bytes(m.capacityBytes()));
        }
        shards.print(out);
        out.println();
        PlanMetrics metrics = plan.metrics();
        TextTable figures = new TextTable("predicted", "value>");
        figures.row("decode latency", Format.seconds(metrics.decodeSecondsPerToken()) + "/token");
        figures.row("time to first token", Format.seconds(metrics.ttftSeconds()));
        figures.row("pipelined throughput", String.format(Locale.ROOT, "%.1f tokens/s", metrics.tokensPerSecond()));
        figures.row("split-learning step", Format.seconds(metrics.trainStepSeconds()));
        figures.row("energy", String.format(Locale.ROOT, "%.3f J/token", metrics.joulesPerToken()));
        figures.row("energy per training step", String.format(Locale.ROOT, "%.1f J", metrics.joulesPerTrainStep()));
        figures.print(out);
        out.println();
        TextTable links = new TextTable("link", "per token>", "per prefill>", "per train step>");
        for (LinkLoad load : metrics.links()) {
            links.row(load.from() + " -> " + load.to(), Format.bytes(load.bytesPerToken()),
                    Format.bytes(load.bytesPerPrefill()), Format.bytes(load.bytesPerTrainStep()));
        }
        if (!metrics.links().isEmpty()) {
            links.print(out);
            out.println();
        }
        TextTable compare = new TextTable("algorithm", objective.cliName() + ">", "shards>", "vs " + plan.algorithm() + ">");
        compare.row(plan.algorithm(), Format.objective(objective, plan.value()), plan.hops(), "-");
        for (Plan baseline : baselines) {
            compare.row(baseline.algorithm(), Format.objective(objective, baseline.value()), baseline.hops(),
                    String.format(Locale.ROOT, "%+.1f%%", 100 * (baseline.value() / plan.value() - 1)));
        }
        compare.print(out);
    }

    private static String optimality(Plan plan) {
        double gap = plan.provenGap();
        if (gap == 0) {
            return "proven optimal";
        }
        return Double.isNaN(gap) ? "no optimality bound"
                : String.format(Locale.ROOT, "within %.2f%% of optimal (relaxation bound)", 100 * gap);
    }

    private Map<String, Object> toJson(Topology topology, ModelShape shape, Workload workload, Plan plan,
                                       List<Plan> baselines) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("topology", topology.name());
        root.put("model", shape);
        root.put("precision", workload.precision().yamlName());
        root.put("objective", plan.objective().cliName());
        root.put("plan", planJson(plan));
        List<Object> others = new ArrayList<>();
        baselines.forEach(b -> others.add(planJson(b)));
        root.put("baselines", others);
        return root;
    }

    private static Map<String, Object> planJson(Plan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("algorithm", plan.algorithm());
        json.put("value", plan.value());
        json.put("lowerBound", Double.isNaN(plan.lowerBound()) ? null : plan.lowerBound());
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

    /** JSON has no infinity: training figures of a plan whose first shard is off the source are null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
