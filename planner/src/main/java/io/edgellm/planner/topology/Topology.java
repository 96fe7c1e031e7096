package io.edgellm.planner.topology;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nodes and the links between them, with stable integer indices (the order of the input) that the
 * algorithms use; ties are always broken by the lower index so plans are deterministic.
 */
public final class Topology {

    /** One direction of a link as seen from a node. */
    public record Adjacency(int neighbour, int link, boolean upward) {
    }

    private final String name;
    private final List<Node> nodes;
    private final List<Link> links;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final List<List<Adjacency>> adjacency = new ArrayList<>();

    public Topology(String name, List<Node> nodes, List<Link> links) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.links = List.copyOf(links);
        for (int i = 0; i < this.nodes.size(); i++) {
            if (indexById.putIfAbsent(this.nodes.get(i).id(), i) != null) {
                throw new IllegalArgumentException("node '" + this.nodes.get(i).id() + "' is defined twice");
            }
            adjacency.add(new ArrayList<>());
        }
        for (int l = 0; l < this.links.size(); l++) {
            Link link = this.links.get(l);
            int from = requireIndex(link.from());
            int to = requireIndex(link.to());
            if (from == to) {
                throw new IllegalArgumentException("link " + link.from() + " connects a node to itself");
            }
            adjacency.get(from).add(new Adjacency(to, l, true));
            adjacency.get(to).add(new Adjacency(from, l, false));
        }
    }

    public String name() {
        return name;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Link> links() {
        return links;
    }

    public int size() {
        return nodes.size();
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    public Optional<Integer> indexOf(String id) {
        return Optional.ofNullable(indexById.get(id));
    }

    public int requireIndex(String id) {
        Integer index = indexById.get(id);
        if (index == null) {
            throw new IllegalArgumentException("unknown node '" + id + "'");
        }
        return index;
    }

    public List<Adjacency> adjacency(int node) {
        return adjacency.get(node);
    }

    /** Ids of the nodes not reachable from the first node, in input order; empty when connected. */
    public List<String> unreachableNodes() {
        if (nodes.isEmpty()) {
            return List.of();
        }
        boolean[] seen = new boolean[nodes.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        seen[0] = true;
        while (!queue.isEmpty()) {
            for (Adjacency a : adjacency.get(queue.poll())) {
                if (!seen[a.neighbour()]) {
                    seen[a.neighbour()] = true;
                    queue.add(a.neighbour());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                missing.add(nodes.get(i).id());
            }
        }
        return missing;
    }
}
