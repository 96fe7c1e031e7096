package io.edgellm.planner.topology;

import java.util.List;

/** The hops a message takes from one node to another; empty when both ends are the same node. */
public record Route(List<Hop> hops) {

    /** One link traversed in one direction. */
    public record Hop(int link, boolean upward, int from, int to) {
    }

    public Route {
        hops = List.copyOf(hops);
    }

    /** Store-and-forward: each hop receives the whole message before sending it on. */
    public double transferSeconds(Topology topology, double bytes) {
        double total = 0;
        for (Hop hop : hops) {
            total += topology.links().get(hop.link()).transferSeconds(bytes, hop.upward());
        }
        return total;
    }

    /** The slowest hop's serialisation time: what limits a pipeline that keeps the route busy. */
    public double bottleneckSeconds(Topology topology, double bytes) {
        double worst = 0;
        for (Hop hop : hops) {
            worst = Math.max(worst, topology.links().get(hop.link()).serialisationSeconds(bytes, hop.upward()));
        }
        return worst;
    }

    /** Both ends of every hop draw idle power while the hop carries the message. */
    public double transferJoules(Topology topology, double bytes) {
        double total = 0;
        for (Hop hop : hops) {
            double seconds = topology.links().get(hop.link()).transferSeconds(bytes, hop.upward());
            total += seconds * (topology.node(hop.from()).idlePowerWatts() + topology.node(hop.to()).idlePowerWatts());
        }
        return total;
    }
}
