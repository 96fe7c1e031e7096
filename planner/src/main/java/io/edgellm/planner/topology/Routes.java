package io.edgellm.planner.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Fastest routes for messages of one size, by Dijkstra from each requested source. A link's weight
 * is its expected transfer time for that size, so routes for a token id may favour low latency
 * while routes for a long prompt favour bandwidth. Along each fastest route the table also keeps
 * the slowest hop's serialisation time and the transfer energy (see {@link Route}).
 */
public final class Routes {

    private final Topology topology;
    private final double messageBytes;
    private final int[] rowOfSource;
    private final double[][] seconds;
    private final double[][] bottleneckSeconds;
    private final double[][] joules;
    private final int[][] previousLink;

    private Routes(Topology topology, double messageBytes, int[] sources) {
        this.topology = topology;
        this.messageBytes = messageBytes;
        int n = topology.size();
        this.rowOfSource = new int[n];
        Arrays.fill(rowOfSource, -1);
        this.seconds = new double[sources.length][];
        this.bottleneckSeconds = new double[sources.length][];
        this.joules = new double[sources.length][];
        this.previousLink = new int[sources.length][];
        for (int r = 0; r < sources.length; r++) {
            if (rowOfSource[sources[r]] < 0) {
                rowOfSource[sources[r]] = r;
                dijkstra(r, sources[r]);
            }
        }
    }

    /** Routes from every node in {@code sources} to every node. */
    public static Routes from(Topology topology, double messageBytes, int... sources) {
        return new Routes(topology, messageBytes, sources);
    }

    public double messageBytes() {
        return messageBytes;
    }

    /** Expected store-and-forward seconds; infinite when unreachable. */
    public double seconds(int from, int to) {
        return seconds[row(from)][to];
    }

    public double bottleneckSeconds(int from, int to) {
        return bottleneckSeconds[row(from)][to];
    }

    public double joules(int from, int to) {
        return joules[row(from)][to];
    }

    public Route route(int from, int to) {
        int r = row(from);
        List<Route.Hop> hops = new ArrayList<>();
        int at = to;
        while (at != from) {
            int linkIndex = previousLink[r][at];
            Link link = topology.links().get(linkIndex);
            int linkFrom = topology.requireIndex(link.from());
            int previous = linkFrom == at ? topology.requireIndex(link.to()) : linkFrom;
            hops.add(new Route.Hop(linkIndex, linkFrom == previous, previous, at));
            at = previous;
        }
        Collections.reverse(hops);
        return new Route(hops);
    }

    private int row(int source) {
        int r = rowOfSource[source];
        if (r < 0) {
            throw new IllegalArgumentException("no routes computed from node " + topology.node(source).id());
        }
        return r;
    }

    private void dijkstra(int r, int source) {
        int n = topology.size();
        double[] best = new double[n];
        double[] bottleneck = new double[n];
        double[] energy = new double[n];
        int[] via = new int[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        Arrays.fill(bottleneck, Double.POSITIVE_INFINITY);
        Arrays.fill(energy, Double.POSITIVE_INFINITY);
        Arrays.fill(via, -1);
        best[source] = 0;
        bottleneck[source] = 0;
        energy[source] = 0;
        // Entries are {seconds, node}; ties settle the lower node index first.
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
                : Double.compare(a[1], b[1]));
        queue.add(new double[] {0, source});
        boolean[] done = new boolean[n];
        while (!queue.isEmpty()) {
            int node = (int) queue.poll()[1];
            if (done[node]) {
                continue;
            }
            done[node] = true;
            if (node != source) {
                // The route to node is final now: extend the parent's figures by the last hop.
                Topology.Adjacency hop = hopInto(node, via[node]);
                Link link = topology.links().get(via[node]);
                boolean upward = !hop.upward();
                double hopSeconds = link.transferSeconds(messageBytes, upward);
                bottleneck[node] = Math.max(bottleneck[hop.neighbour()],
                        link.serialisationSeconds(messageBytes, upward));
                energy[node] = energy[hop.neighbour()] + hopSeconds
                        * (topology.node(node).idlePowerWatts() + topology.node(hop.neighbour()).idlePowerWatts());
            }
            for (Topology.Adjacency a : topology.adjacency(node)) {
                double candidate = best[node]
                        + topology.links().get(a.link()).transferSeconds(messageBytes, a.upward());
                if (candidate < best[a.neighbour()]) {
                    best[a.neighbour()] = candidate;
                    via[a.neighbour()] = a.link();
                    queue.add(new double[] {candidate, a.neighbour()});
                }
            }
        }
        seconds[r] = best;
        bottleneckSeconds[r] = bottleneck;
        joules[r] = energy;
        previousLink[r] = via;
    }

    /** The adjacency entry of {@code node} for {@code link}: its neighbour is the route's previous node. */
    private Topology.Adjacency hopInto(int node, int link) {
        for (Topology.Adjacency a : topology.adjacency(node)) {
            if (a.link() == link) {
                return a;
            }
        }
        throw new IllegalStateException("link " + link + " does not touch node " + node);
    }
}
