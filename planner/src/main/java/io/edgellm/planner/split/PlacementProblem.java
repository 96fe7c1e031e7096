package io.edgellm.planner.split;

import io.edgellm.planner.cost.CostModel;
import io.edgellm.planner.cost.Phase;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.topology.Node;
import io.edgellm.planner.topology.NodeRole;
import io.edgellm.planner.topology.Routes;
import io.edgellm.planner.topology.Topology;

import java.util.ArrayList;
import java.util.List;

/**
 * One split-and-placement instance reduced to tables the search algorithms share: the cost of a
 * shard of n blocks on each host (infinite past the host's memory), and the cost of the three
 * kinds of transfer (token ids in, activations between shards, result out) between hosts.
 *
 * <p>Because every block emits an activation of the same size, a transfer's cost depends on the two
 * hosts only, never on where the cut falls; that is what lets the searches run over
 * (blocks placed, host) states.
 *
 * <p>Hosts are the source plus every edge and cloud node with kernels for the precision; other
 * users' devices join only when {@code includeOtherDevices} is set.
 */
public final class PlacementProblem {

    private final Topology topology;
    private final CostModel costModel;
    private final Objective objective;
    private final int source;
    private final boolean includeOtherDevices;
    private final int[] hosts;
    private final int blocks;
    /** [host][flags][n]: flags bit 0 = first shard, bit 1 = last shard. */
    private final double[][][] stage;
    private final double[] in;
    private final double[] out;
    private final double[][] hop;

    public PlacementProblem(Topology topology, CostModel costModel, Objective objective, int source,
                            boolean includeOtherDevices) {
        this.topology = topology;
        this.costModel = costModel;
        this.objective = objective;
        this.source = source;
        this.includeOtherDevices = includeOtherDevices;
        this.blocks = costModel.profile().blockCount();
        this.hosts = chooseHosts(topology, costModel, source, includeOtherDevices);
        int h = hosts.length;
        this.stage = new double[h][4][];
        for (int i = 0; i < h; i++) {
            for (int flags = 0; flags < 4; flags++) {
                stage[i][flags] = stageTable(topology.node(hosts[i]), (flags & 1) != 0, (flags & 2) != 0);
            }
        }
        Transfers transfers = new Transfers(topology, costModel, objective, hosts, source);
        this.in = new double[h];
        this.out = new double[h];
        this.hop = new double[h][h];
        for (int i = 0; i < h; i++) {
            in[i] = objective.training() ? (hosts[i] == source ? 0 : Double.POSITIVE_INFINITY)
                    : transfers.input(source, hosts[i]);
            out[i] = transfers.output(hosts[i], source);
            for (int j = 0; j < h; j++) {
                hop[i][j] = i == j ? Double.POSITIVE_INFINITY : transfers.between(hosts[i], hosts[j]);
            }
        }
    }

    /** The same instance scored by another objective; it has the same hosts in the same order. */
    public PlacementProblem withObjective(Objective other) {
        return new PlacementProblem(topology, costModel, other, source, includeOtherDevices);
    }

    private static int[] chooseHosts(Topology topology, CostModel costModel, int source, boolean otherDevices) {
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < topology.size(); i++) {
            Node node = topology.node(i);
            boolean eligible = i == source || otherDevices || node.role() != NodeRole.DEVICE;
            if (eligible && node.supports(costModel.workload().precision())) {
                chosen.add(i);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private double[] stageTable(Node node, boolean first, boolean last) {
        double[] table = new double[blocks + 1];
        table[0] = Double.POSITIVE_INFINITY;
        Phase phase = phase();
        for (int n = 1; n <= blocks; n++) {
            if (costModel.memoryBytes(objective.training(), n, first, last) > node.memoryBytes()) {
                for (int m = n; m <= blocks; m++) {
                    table[m] = Double.POSITIVE_INFINITY;
                }
                break;
            }
            double seconds = costModel.seconds(node, phase, n, first, last);
            table[n] = switch (objective) {
                case THROUGHPUT -> seconds / costModel.workload().concurrentSequences();
                case ENERGY, TRAIN_ENERGY -> seconds * node.busyPowerWatts();
                default -> seconds;
            };
        }
        return table;
    }

    Phase phase() {
        return switch (objective) {
            case DECODE_LATENCY, ENERGY -> Phase.DECODE;
            case TTFT -> Phase.PREFILL;
            case THROUGHPUT -> Phase.BATCHED_DECODE;
            case TRAIN_ROUND, TRAIN_ENERGY -> Phase.TRAIN_STEP;
        };
    }

    public Topology topology() {
        return topology;
    }

    public CostModel costModel() {
        return costModel;
    }

    public Objective objective() {
        return objective;
    }

    public int source() {
        return source;
    }

    public int blocks() {
        return blocks;
    }

    public int hostCount() {
        return hosts.length;
    }

    /** Topology index of host {@code h}. */
    public int host(int h) {
        return hosts[h];
    }

    /** Cost of a shard of {@code n} blocks on host {@code h}; infinite if it does not fit in memory. */
    public double stage(int h, int n, boolean first, boolean last) {
        return stage[h][(first ? 1 : 0) | (last ? 2 : 0)][n];
    }

    public double in(int h) {
        return in[h];
    }

    public double out(int h) {
        return out[h];
    }

    /** Cost of moving a cut's data from host {@code a} to host {@code b}; infinite when a == b. */
    public double hop(int a, int b) {
        return hop[a][b];
    }

    /** How costs of consecutive parts combine: added for latencies and energy, the maximum for throughput. */
    public double combine(double a, double b) {
        return objective.bottleneck() ? Math.max(a, b) : a + b;
    }

    /** The largest shard host {@code h} can hold. */
    public int maxBlocks(int h, boolean first, boolean last) {
        double[] table = stage[h][(first ? 1 : 0) | (last ? 2 : 0)];
        int n = 0;
        while (n < blocks && table[n + 1] < Double.POSITIVE_INFINITY) {
            n++;
        }
        return n;
    }

    /** Objective value of a chain, recomputed from the tables (the searches' own accounting). */
    public double cost(int[] hostSequence, int[] shardBlocks) {
        double total = in(hostSequence[0]);
        int placed = 0;
        for (int s = 0; s < hostSequence.length; s++) {
            if (s > 0) {
                total = combine(total, hop(hostSequence[s - 1], hostSequence[s]));
            }
            boolean first = placed == 0;
            placed += shardBlocks[s];
            total = combine(total, stage(hostSequence[s], shardBlocks[s], first, placed == blocks));
        }
        return combine(total, out(hostSequence[hostSequence.length - 1]));
    }

    /** Per-objective transfer costs, from fastest routes for each message size. */
    private static final class Transfers {
        private final Objective objective;
        private final Routes tokenRoutes;
        private final Routes inputRoutes;
        private final Routes cutRoutes;

        Transfers(Topology topology, CostModel costModel, Objective objective, int[] hosts, int source) {
            this.objective = objective;
            var workload = costModel.workload();
            double act = costModel.profile().activationBytesPerToken();
            double token = ModelProfile.TOKEN_ID_BYTES;
            double tokensAtCut = switch (objective) {
                case TTFT -> workload.promptTokens();
                case TRAIN_ROUND, TRAIN_ENERGY -> workload.training().batchTokens();
                default -> 1;
            };
            double inputTokens = objective == Objective.TTFT ? workload.promptTokens() : 1;
            int[] sources = new int[hosts.length + 1];
            System.arraycopy(hosts, 0, sources, 0, hosts.length);
            sources[hosts.length] = source;
            this.tokenRoutes = Routes.from(topology, token, sources);
            this.inputRoutes = inputTokens == 1 ? tokenRoutes : Routes.from(topology, token * inputTokens, source);
            this.cutRoutes = Routes.from(topology, act * tokensAtCut, hosts);
        }

        double input(int from, int to) {
            return measure(inputRoutes, from, to);
        }

        double output(int from, int to) {
            return measure(tokenRoutes, from, to);
        }

        /** Training sends smashed data forward and gradients of the same size back. */
        double between(int from, int to) {
            double forward = measure(cutRoutes, from, to);
            return objective.training() ? forward + measure(cutRoutes, to, from) : forward;
        }

        private double measure(Routes routes, int from, int to) {
            return switch (objective) {
                case THROUGHPUT -> routes.bottleneckSeconds(from, to);
                case ENERGY, TRAIN_ENERGY -> routes.joules(from, to);
                default -> routes.seconds(from, to);
            };
        }
    }
}
