package io.edgellm.planner.cache;

import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.topology.Link;
import io.edgellm.planner.topology.NodeRole;
import io.edgellm.planner.topology.Route;
import io.edgellm.planner.topology.Routes;
import io.edgellm.planner.topology.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds a {@link CacheProblem} from a topology and a library: edge nodes are the caching servers
 * (budget: their storage), device nodes are the users.
 *
 * <p>A download streams over the fastest route for a large message: its latency is the sum of the
 * hops' latency plus jitter, its rate the slowest hop's bandwidth less losses.
 *
 * <p>Popularity: user u ranks models by library position plus Gaussian noise of standard deviation
 * {@code spread · models} and requests the r-th ranked with probability ∝ r^(−zipf); every user
 * sends the same number of requests.
 */
public final class CacheProblems {

    private static final double DOWNLOAD_PROBE_BYTES = 1e9;

    private CacheProblems() {
    }

    public static CacheProblem fromTopology(Topology topology, CacheLibrary library) {
        return fromTopology(topology, library, library.requests().seed());
    }

    /** As {@link #fromTopology(Topology, CacheLibrary)} with another popularity draw, to model a shift. */
    public static CacheProblem fromTopology(Topology topology, CacheLibrary library, long popularitySeed) {
        int[] servers = nodesWithRole(topology, NodeRole.EDGE);
        int[] users = nodesWithRole(topology, NodeRole.DEVICE);
        if (servers.length == 0) {
            throw new IllegalArgumentException("topology " + topology.name() + " has no edge server to cache on");
        }
        if (users.length == 0) {
            throw new IllegalArgumentException("topology " + topology.name() + " has no device to request models");
        }
        double[][] latency = new double[users.length][servers.length];
        double[][] rate = new double[users.length][servers.length];
        Routes routes = Routes.from(topology, DOWNLOAD_PROBE_BYTES, servers);
        for (int m = 0; m < servers.length; m++) {
            for (int u = 0; u < users.length; u++) {
                Route route = routes.route(servers[m], users[u]);
                double seconds = 0;
                double bottleneck = Double.POSITIVE_INFINITY;
                for (Route.Hop hop : route.hops()) {
                    Link link = topology.links().get(hop.link());
                    seconds += link.latencySeconds() + link.jitterSeconds();
                    bottleneck = Math.min(bottleneck, link.bytesPerSecond(hop.upward()) * (1 - link.lossRate()));
                }
                latency[u][m] = seconds;
                rate[u][m] = bottleneck;
            }
        }
        List<String> serverIds = new ArrayList<>();
        double[] capacity = new double[servers.length];
        for (int m = 0; m < servers.length; m++) {
            serverIds.add(topology.node(servers[m]).id());
            capacity[m] = topology.node(servers[m]).storageBytes();
        }
        return build(library, serverIds, capacity, demand(library, users.length, popularitySeed), latency, rate);
    }

    /** Variants, block sizes per precision and limits from the library, with given users and servers. */
    public static CacheProblem build(CacheLibrary library, List<String> serverIds, double[] capacity,
                                     double[][] demand, double[][] latency, double[][] rate) {
        Map<String, CacheLibrary.Block> blocks = new LinkedHashMap<>();
        library.blocks().forEach(b -> blocks.put(b.id(), b));
        List<String> blockIds = new ArrayList<>();
        List<Double> blockBytes = new ArrayList<>();
        Map<String, Integer> blockIndex = new LinkedHashMap<>();
        List<CacheProblem.Variant> variants = new ArrayList<>();
        List<String> modelIds = new ArrayList<>();
        double[] limits = new double[library.models().size()];
        for (int i = 0; i < library.models().size(); i++) {
            CacheLibrary.Model model = library.models().get(i);
            modelIds.add(model.id());
            limits[i] = model.latencyLimitSeconds();
            for (var precision : library.precisions().entrySet()) {
                double scale = Precision.fromName(precision.getKey()).orElseThrow().bitsPerWeight() / 16.0;
                int[] indices = new int[model.blocks().size()];
                double bytes = 0;
                for (int k = 0; k < indices.length; k++) {
                    CacheLibrary.Block block = blocks.get(model.blocks().get(k));
                    String key = block.quantizable() ? block.id() + "@" + precision.getKey() : block.id();
                    double size = block.quantizable() ? block.f16Bytes() * scale : block.f16Bytes();
                    indices[k] = blockIndex.computeIfAbsent(key, id -> {
                        blockIds.add(id);
                        blockBytes.add(size);
                        return blockIds.size() - 1;
                    });
                    bytes += size;
                }
                variants.add(new CacheProblem.Variant(i, precision.getKey(), precision.getValue(), indices, bytes));
            }
        }
        return new CacheProblem(serverIds, capacity, blockIds,
                blockBytes.stream().mapToDouble(Double::doubleValue).toArray(), modelIds, variants, demand, latency,
                rate, limits, library.requests().inferenceSeconds());
    }

    /** [user][model] request shares; each user's row sums to 1. */
    public static double[][] demand(CacheLibrary library, int users, long seed) {
        int models = library.models().size();
        CacheLibrary.Requests requests = library.requests();
        Random random = new Random(seed);
        double[][] demand = new double[users][models];
        double[] zipf = new double[models];
        double norm = 0;
        for (int r = 0; r < models; r++) {
            zipf[r] = Math.pow(r + 1, -requests.zipfExponent());
            norm += zipf[r];
        }
        for (int u = 0; u < users; u++) {
            double[] score = new double[models];
            for (int i = 0; i < models; i++) {
                score[i] = i + random.nextGaussian() * requests.spread() * models;
            }
            Integer[] order = new Integer[models];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> score[i]).thenComparingInt(i -> i));
            for (int r = 0; r < models; r++) {
                demand[u][order[r]] = zipf[r] / norm;
            }
        }
        return demand;
    }

    private static int[] nodesWithRole(Topology topology, NodeRole role) {
        return java.util.stream.IntStream.range(0, topology.size())
                .filter(i -> topology.node(i).role() == role).toArray();
    }
}
