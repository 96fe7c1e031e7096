package io.edgellm.cli.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgellm.cli.UserException;
import io.edgellm.planner.cost.CostModel;
import io.edgellm.planner.cost.TrainingSetup;
import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.profile.ModelShape;
import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.split.BestSingleNode;
import io.edgellm.planner.split.Budget;
import io.edgellm.planner.split.BudgetedProblem;
import io.edgellm.planner.split.BudgetedSplitPlanner;
import io.edgellm.planner.split.EvenSplit;
import io.edgellm.planner.split.GreedySplit;
import io.edgellm.planner.split.MemoryProportionalSplit;
import io.edgellm.planner.split.Objective;
import io.edgellm.planner.split.PlacementProblem;
import io.edgellm.planner.split.Plan;
import io.edgellm.planner.split.ScalableSplitPlanner;
import io.edgellm.planner.split.SplitPlanner;
import io.edgellm.planner.split.SplitPlanning;
import io.edgellm.planner.topology.NodeRole;
import io.edgellm.planner.topology.Topology;
import io.edgellm.planner.topology.TopologyYaml;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    @Option(names = "--max-energy", paramLabel = "J",
            description = "Energy budget (green mode): joules per decoded token for inference objectives, per "
                    + "training step for train-round. The plan is the best for the objective within it.")
    Double maxEnergy;

    @Option(names = "--max-latency", paramLabel = "S",
            description = "Latency budget in seconds: per decoded token for inference objectives, per training "
                    + "step for train-energy. With --objective energy: the least energy within it.")
    Double maxLatency;

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
        Optional<Budget> budget = budget(objective);
        Topology topology = PlannerErrors.userFacing(() -> TopologyYaml.read(topologyFile));
        ModelShape shape = PlannerErrors.userFacing(() -> ModelSources.resolve(model));
        int source = source(topology);
        Workload workload = new Workload(precision, promptTokens, contextTokens, sequences,
                TrainingSetup.loraDefault());
        PlacementProblem problem = new PlacementProblem(topology, new CostModel(new ModelProfile(shape), workload),
                objective, source, includeDevices);
        Plan unbudgeted = PlannerErrors.userFacing(() -> SplitPlanning.plan(problem, new ScalableSplitPlanner()));
        Plan plan = budget.isEmpty() ? unbudgeted : PlannerErrors.userFacing(() -> SplitPlanning.plan(
                new BudgetedProblem(problem, budget.get()), new BudgetedSplitPlanner()));
        List<PlanOutcome.Baseline> baselines = new ArrayList<>();
        for (SplitPlanner baseline : List.of(new BestSingleNode(), new EvenSplit(), new MemoryProportionalSplit(),
                new GreedySplit())) {
            baselines.add(new PlanOutcome.Baseline(baseline.name(), baseline.search(problem)
                    .map(chain -> SplitPlanning.toPlan(problem, baseline.name(), chain))));
        }
        PlanOutcome outcome = new PlanOutcome(model, shape, topology, topology.node(source).id(), workload, plan,
                budget, budget.map(b -> unbudgeted), baselines);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(PlanJson.of(outcome)));
        } else {
            PlanTables.print(outcome, out);
        }
        out.flush();
        return 0;
    }

    /** The budget the options ask for: energy or latency of the objective's kind (inference or training). */
    private Optional<Budget> budget(Objective objective) {
        if (maxEnergy != null && maxLatency != null) {
            throw new UserException("--max-energy and --max-latency: give one budget, not both");
        }
        String option = maxEnergy != null ? "--max-energy" : "--max-latency";
        Double limit = maxEnergy != null ? maxEnergy : maxLatency;
        if (limit == null) {
            return Optional.empty();
        }
        if (!(limit > 0) || limit.isInfinite()) {
            throw new UserException(option + ": must be a positive number, got " + limit);
        }
        boolean training = objective.training();
        Objective metric = maxEnergy != null ? (training ? Objective.TRAIN_ENERGY : Objective.ENERGY)
                : (training ? Objective.TRAIN_ROUND : Objective.DECODE_LATENCY);
        if (metric == objective) {
            throw new UserException(option + ": the objective " + objective.cliName() + " already minimises "
                    + metric.figure() + "; budget it with another objective, e.g. --objective "
                    + (maxEnergy != null ? (training ? "train-round" : "decode-latency")
                    : (training ? "train-energy" : "energy")));
        }
        return Optional.of(new Budget(metric, limit));
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
}
