package io.edgellm.planner.split;

import io.edgellm.planner.cost.CostModel;
import io.edgellm.planner.cost.Phase;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.topology.Node;
import io.edgellm.planner.topology.Route;
import io.edgellm.planner.topology.Routes;
import io.edgellm.planner.topology.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes a plan's figures straight from the cost model and the routes, shard by shard. It is
 * deliberately separate from the search tables in {@link PlacementProblem}: tests check the searches'
 * answers against brute force scored by this class.
 */
public final class PlanEvaluator {

    private final Topology topology;
    private final CostModel costModel;
    private final int source;
    private final Map<Double, Map<Integer, Routes>> routeCache = new HashMap<>();

    public PlanEvaluator(Topology topology, CostModel costModel, int source) {
        this.topology = topology;
        this.costModel = costModel;
        this.source = source;
    }

    private PlanMetrics figures(List<Shard> shards) {
        int blocks = costModel.profile().blockCount();
        checkCoverage(shards, blocks);
        var workload = costModel.workload();
        double token = ModelProfile.TOKEN_ID_BYTES;
        double act = costModel.profile().activationBytesPerToken();
        double prompt = workload.promptTokens();
        double trainTokens = workload.training().batchTokens();
        int firstNode = shards.getFirst().node();
        int lastNode = shards.getLast().node();

        double decode = seconds(token, source, firstNode) + seconds(token, lastNode, source);
        double ttft = seconds(token * prompt, source, firstNode) + seconds(token, lastNode, source);
        double bottleneck = Math.max(route(token, source, firstNode).bottleneckSeconds(topology, token),
                route(token, lastNode, source).bottleneckSeconds(topology, token));
        double train = firstNode == source ? seconds(token, lastNode, source) : Double.POSITIVE_INFINITY;
        double joules = energy(token, source, firstNode) + energy(token, lastNode, source);
        double trainJoules = firstNode == source ? energy(token, lastNode, source) : Double.POSITIVE_INFINITY;

        for (int s = 0; s < shards.size(); s++) {
            Shard shard = shards.get(s);
            Node node = topology.node(shard.node());
            boolean first = s == 0;
            boolean last = s == shards.size() - 1;
            int n = shard.blocks();
            double decodeSeconds = costModel.seconds(node, Phase.DECODE, n, first, last);
            double trainSeconds = costModel.seconds(node, Phase.TRAIN_STEP, n, first, last);
            decode += decodeSeconds;
            ttft += costModel.seconds(node, Phase.PREFILL, n, first, last);
            bottleneck = Math.max(bottleneck, costModel.seconds(node, Phase.BATCHED_DECODE, n, first, last)
                    / workload.concurrentSequences());
            train += trainSeconds;
            joules += decodeSeconds * node.busyPowerWatts();
            trainJoules += trainSeconds * node.busyPowerWatts();
            if (!last) {
                int next = shards.get(s + 1).node();
                decode += seconds(act, shard.node(), next);
                ttft += seconds(act * prompt, shard.node(), next);
                bottleneck = Math.max(bottleneck, route(act, shard.node(), next).bottleneckSeconds(topology, act));
                train += seconds(act * trainTokens, shard.node(), next) + seconds(act * trainTokens, next, shard.node());
                joules += energy(act, shard.node(), next);
                trainJoules += energy(act * trainTokens, shard.node(), next)
                        + energy(act * trainTokens, next, shard.node());
            }
        }
        return new PlanMetrics(decode, ttft, bottleneck, train, joules, trainJoules, List.of(),
                linkLoads(shards, token, act, prompt, trainTokens), List.of());
    }

    /**
     * All figures of the plan, the memory it puts on each node (inference or training memory, as
     * the objective needs) and the constraints it breaks: memory, missing kernels, data off the source.
     */
    public PlanMetrics evaluate(List<Shard> shards, Objective objective) {
        PlanMetrics metrics = figures(shards);
        List<String> violations = new ArrayList<>();
        Map<Integer, Double> used = new TreeMap<>();
        for (int s = 0; s < shards.size(); s++) {
            Shard shard = shards.get(s);
            used.merge(shard.node(), costModel.memoryBytes(objective.training(), shard.blocks(), s == 0,
                    s == shards.size() - 1), Double::sum);
            if (!topology.node(shard.node()).supports(costModel.workload().precision())) {
                violations.add("node " + shard.nodeId() + " has no " + costModel.workload().precision().yamlName()
                        + " kernels");
            }
        }
        List<NodeMemory> memory = new ArrayList<>();
        for (var entry : used.entrySet()) {
            Node node = topology.node(entry.getKey());
            NodeMemory m = new NodeMemory(node.id(), entry.getValue(), node.memoryBytes());
            memory.add(m);
            if (!m.fits()) {
                violations.add(String.format("memory on %s: needs %.2f GiB, has %.2f GiB", node.id(),
                        m.usedBytes() / (1L << 30), m.capacityBytes() / (1L << 30)));
            }
        }
        if (objective.training() && shards.getFirst().node() != source) {
            violations.add("training data must stay on the source " + topology.node(source).id());
        }
        return new PlanMetrics(metrics.decodeSecondsPerToken(), metrics.ttftSeconds(),
                metrics.bottleneckSecondsPerToken(), metrics.trainStepSeconds(), metrics.joulesPerToken(),
                metrics.joulesPerTrainStep(), memory, metrics.links(), violations);
    }

    private List<LinkLoad> linkLoads(List<Shard> shards, double token, double act, double prompt,
                                     double trainTokens) {
        // Per directed link: {bytes per token, per prefill, per train step}.
        Map<String, double[]> loads = new TreeMap<>();
        int first = shards.getFirst().node();
        int last = shards.getLast().node();
        addLoad(loads, route(token, source, first), token, token * prompt, 0);
        addLoad(loads, route(token, last, source), token, token, token);
        for (int s = 0; s + 1 < shards.size(); s++) {
            int a = shards.get(s).node();
            int b = shards.get(s + 1).node();
            addLoad(loads, route(act, a, b), act, act * prompt, act * trainTokens);
            addLoad(loads, route(act * trainTokens, b, a), 0, 0, act * trainTokens);
        }
        List<LinkLoad> result = new ArrayList<>();
        for (var entry : loads.entrySet()) {
            String[] ends = entry.getKey().split("\u0000");
            double[] v = entry.getValue();
            result.add(new LinkLoad(ends[0], ends[1], v[0], v[1], v[2]));
        }
        return result;
    }

    private void addLoad(Map<String, double[]> loads, Route route, double perToken, double perPrefill,
                         double perTrain) {
        for (Route.Hop hop : route.hops()) {
            String key = topology.node(hop.from()).id() + "\u0000" + topology.node(hop.to()).id();
            double[] v = loads.computeIfAbsent(key, k -> new double[3]);
            v[0] += perToken;
            v[1] += perPrefill;
            v[2] += perTrain;
        }
    }

    private static void checkCoverage(List<Shard> shards, int blocks) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one shard");
        }
        int next = 0;
        for (Shard shard : shards) {
            if (shard.fromBlock() != next) {
                throw new IllegalArgumentException("shards must cover blocks in order; expected block " + next
                        + " but a shard starts at " + shard.fromBlock());
            }
            next = shard.toBlock();
        }
        if (next != blocks) {
            throw new IllegalArgumentException("shards cover " + next + " of " + blocks + " blocks");
        }
    }

    private double seconds(double bytes, int from, int to) {
        return routes(bytes, from).seconds(from, to);
    }

    private double energy(double bytes, int from, int to) {
        return routes(bytes, from).joules(from, to);
    }

    private Route route(double bytes, int from, int to) {
        return routes(bytes, from).route(from, to);
    }

    private Routes routes(double bytes, int from) {
        return routeCache.computeIfAbsent(bytes, b -> new HashMap<>())
                .computeIfAbsent(from, f -> Routes.from(topology, bytes, f));
    }
}
