package io.edgellm.planner.topology;

import io.edgellm.planner.profile.Precision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated city-scale topologies for examples and benchmarks: edge servers on a metro ring with
 * random chords, a few clouds behind WAN links, and phones attached over 5G to one edge server each.
 * Hardware figures are typical of the named parts (phone SoC, L4 / A10 / A100 GPUs, an 8-GPU node).
 */
public final class SyntheticTopologies {

    private static final double GIB = 1L << 30;

    private SyntheticTopologies() {
    }

    public static Topology city(String name, int edgeServers, int devicesPerServer, int clouds, long seed) {
        Random random = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int e = 0; e < edgeServers; e++) {
            nodes.add(edgeServer("edge-" + e, random));
        }
        for (int c = 0; c < clouds; c++) {
            nodes.add(new Node("cloud-" + c, NodeRole.CLOUD, Map.of(Precision.F16, 8e15, Precision.Q8_0, 8e15,
                    Precision.Q4_0, 8e15, Precision.F32, 4e14), 2.6e13, 640 * GIB, 1e14, 1000, 6000));
        }
        for (int e = 0; e < edgeServers; e++) {
            if (edgeServers > 1 && (e + 1 < edgeServers || edgeServers > 2)) {
                links.add(new Link("edge-" + e, "edge-" + ((e + 1) % edgeServers), 1.25e9, 1.25e9,
                        0.5e-3 + 1.5e-3 * random.nextDouble(), 0.1e-3, 0));
            }
        }
        for (int chord = 0; chord < edgeServers / 4; chord++) {
            int a = random.nextInt(edgeServers);
            int b = random.nextInt(edgeServers);
            if (Math.abs(a - b) > 1) {
                links.add(new Link("edge-" + a, "edge-" + b, 1.25e9, 1.25e9, 1e-3 + 3e-3 * random.nextDouble(),
                        0.2e-3, 0));
            }
        }
        for (int c = 0; c < clouds; c++) {
            for (int k = 0; k < Math.min(3, edgeServers); k++) {
                int e = (c * 7 + k * Math.max(1, edgeServers / 3)) % edgeServers;
                links.add(new Link("edge-" + e, "cloud-" + c, 1.25e9, 1.25e9, 0.015 + 0.02 * random.nextDouble(),
                        2e-3, 0.001));
            }
        }
        for (int e = 0; e < edgeServers; e++) {
            for (int d = 0; d < devicesPerServer; d++) {
                String id = "phone-" + e + "-" + d;
                nodes.add(phone(id, random));
                links.add(new Link(id, "edge-" + e, (20 + 80 * random.nextDouble()) * 1e6 / 8,
                        (100 + 300 * random.nextDouble()) * 1e6 / 8, 0.005 + 0.015 * random.nextDouble(),
                        0.002, 0.005 * random.nextDouble()));
            }
        }
        return new Topology(name, nodes, links);
    }

    private static Node edgeServer(String id, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> new Node(id, NodeRole.EDGE, Map.of(Precision.F16, 1.2e14, Precision.Q8_0, 1.2e14,
                    Precision.Q4_0, 1.2e14), 3.0e11, 24 * GIB, 30e9, 20, 72);
            case 1 -> new Node(id, NodeRole.EDGE, Map.of(Precision.F16, 1.25e14, Precision.Q8_0, 1.25e14,
                    Precision.Q4_0, 1.25e14), 6.0e11, 24 * GIB, 20e9, 30, 150);
            default -> new Node(id, NodeRole.EDGE, Map.of(Precision.F16, 3.12e14, Precision.Q8_0, 3.12e14,
                    Precision.Q4_0, 3.12e14, Precision.F32, 1.95e13), 2.0e12, 80 * GIB, 50e9, 60, 400);
        };
    }

    private static Node phone(String id, Random random) {
        double memory = (random.nextBoolean() ? 8 : 12) * GIB;
        return new Node(id, NodeRole.DEVICE, Map.of(Precision.F16, 2e12, Precision.Q8_0, 2e12, Precision.Q4_0, 2e12),
                5e10, memory, 128e9, 0.8, 6);
    }
}
