package io.edgellm.planner.split;

import io.edgellm.planner.cost.CostModel;
import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.profile.ModelShapes;
import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.topology.Link;
import io.edgellm.planner.topology.Node;
import io.edgellm.planner.topology.NodeRole;
import io.edgellm.planner.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paper's Fig. 5: the number of hops is chosen, and more servers stop paying once hops cost more. */
class HopCountTest {

    private static Topology chain(double hopLatencySeconds, double hopBytesPerSecond) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("phone", NodeRole.DEVICE, Map.of(Precision.F16, 2e12), 5e10, 1e9, 1e11, 1, 5));
        List<Link> links = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            nodes.add(new Node("edge-" + i, NodeRole.EDGE, Map.of(Precision.F16, 3e13), 3e11, 6.0 * (1L << 30), 1e11,
                    20, 70));
            links.add(new Link(i == 1 ? "phone" : "edge-" + (i - 1), "edge-" + i, i == 1 ? 1.25e8 : hopBytesPerSecond,
                    i == 1 ? 1.25e8 : hopBytesPerSecond,
                    i == 1 ? 0.01 : hopLatencySeconds, 0, 0));
        }
        return new Topology("chain", nodes, links);
    }

    private static Plan plan(Topology topology, Objective objective) {
        CostModel cost = new CostModel(new ModelProfile(ModelShapes.preset("llama-7b").orElseThrow()),
                Workload.defaults(Precision.F16));
        return SplitPlanning.plan(new PlacementProblem(topology, cost, objective, 0, false), new ExactSplitPlanner());
    }

    @Test
    void decodeUsesTheFewestServersThatHoldTheModel() {
        assertEquals(3, plan(chain(0.005, 1.25e8), Objective.DECODE_LATENCY).hops());
    }

    @Test
    void pipelinedThroughputUsesTheFourthServerOnlyWhileHopsAreCheap() {
        // Throughput pays for a hop through its bandwidth; more stages shrink the slowest shard
        // until a hop's transfer becomes the bottleneck.
        Plan cheapHops = plan(chain(0.005, 1.25e8), Objective.THROUGHPUT);
        assertTrue(cheapHops.hops() > 3, "hops: " + cheapHops.hops());
        Plan slowHops = plan(chain(0.005, 2e5), Objective.THROUGHPUT);
        assertEquals(3, slowHops.hops(), slowHops.shards().toString());
    }
}
