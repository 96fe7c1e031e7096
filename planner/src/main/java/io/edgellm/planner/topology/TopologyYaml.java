package io.edgellm.planner.topology;

import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.yaml.InvalidInputException;
import io.edgellm.planner.yaml.Quantity;
import io.edgellm.planner.yaml.YamlDocument;
import io.edgellm.planner.yaml.YamlList;
import io.edgellm.planner.yaml.YamlMap;
import io.edgellm.planner.yaml.YamlNode;
import io.edgellm.planner.yaml.YamlScalar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and validates a topology file; the schema is documented in docs/PLANNER.md. */
public final class TopologyYaml {

    private static final List<String> ROOT_FIELDS = List.of("name", "nodes", "links");
    private static final List<String> NODE_FIELDS = List.of("id", "role", "compute", "memory_bandwidth", "memory",
            "storage", "idle_power", "busy_power");
    private static final List<String> LINK_FIELDS = List.of("from", "to", "up", "down", "latency", "jitter", "loss");

    private TopologyYaml() {
    }

    public static Topology read(Path file) {
        return fromNode(YamlDocument.read(file));
    }

    public static Topology fromNode(YamlNode document) {
        YamlMap root = document.asMap().allowOnly(ROOT_FIELDS);
        List<Node> nodes = new ArrayList<>();
        Map<String, YamlNode> nodeDefinitions = new HashMap<>();
        for (YamlNode item : root.require("nodes").asList().nonEmpty().items()) {
            Node node = readNode(item.asMap());
            YamlNode previous = nodeDefinitions.putIfAbsent(node.id(), item);
            if (previous != null) {
                throw item.asMap().scalar("id").error("node '" + node.id() + "' is already defined at line "
                        + previous.location().line());
            }
            nodes.add(node);
        }
        List<Link> links = new ArrayList<>();
        YamlList linkList = root.optional("links").map(YamlNode::asList).orElse(null);
        if (linkList != null) {
            for (YamlNode item : linkList.items()) {
                links.add(readLink(item.asMap(), nodeDefinitions));
            }
        }
        Topology topology = new Topology(root.string("name", "unnamed"), nodes, links);
        List<String> unreachable = topology.unreachableNodes();
        if (!unreachable.isEmpty()) {
            YamlNode where = linkList != null ? linkList : root;
            throw new InvalidInputException(where.location(), "links", "the topology is disconnected: "
                    + describe(unreachable) + " cannot be reached from '" + nodes.getFirst().id() + "'");
        }
        return topology;
    }

    private static String describe(List<String> ids) {
        int shown = Math.min(ids.size(), 10);
        String list = String.join(", ", ids.subList(0, shown));
        return ids.size() == 1 ? "node " + list
                : ids.size() + " nodes (" + list + (ids.size() > shown ? ", ..." : "") + ")";
    }

    private static Node readNode(YamlMap map) {
        map.allowOnly(NODE_FIELDS);
        String id = map.string("id");
        if (id.isBlank()) {
            throw map.scalar("id").error("must not be empty");
        }
        YamlScalar roleField = map.scalar("role");
        NodeRole role;
        try {
            role = NodeRole.valueOf(roleField.asString().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw roleField.error("'" + roleField.asString() + "' is not a role; use device, edge or cloud");
        }
        YamlMap compute = map.require("compute").asMap();
        Map<Precision, Double> flops = new EnumMap<>(Precision.class);
        for (String key : compute.fields().keySet()) {
            Precision precision = Precision.fromName(key).orElseThrow(() -> new InvalidInputException(
                    compute.keyLocations().get(key), compute.path() + "." + key,
                    "unknown precision; use f32, f16, q8_0, q4_0 or q4_k"));
            flops.put(precision, compute.scalar(key).positive(Quantity.FLOP_PER_SECOND));
        }
        if (flops.isEmpty()) {
            throw compute.error("must give the throughput of at least one precision");
        }
        double idle = map.scalar("idle_power").nonNegative(Quantity.WATTS);
        YamlScalar busyField = map.scalar("busy_power");
        double busy = busyField.positive(Quantity.WATTS);
        if (busy < idle) {
            throw busyField.error("must be at least idle_power (" + idle + " W)");
        }
        return new Node(id, role, flops, map.scalar("memory_bandwidth").positive(Quantity.BYTES_PER_SECOND),
                map.scalar("memory").positive(Quantity.BYTES), map.scalar("storage").positive(Quantity.BYTES),
                idle, busy);
    }

    private static Link readLink(YamlMap map, Map<String, YamlNode> nodes) {
        map.allowOnly(LINK_FIELDS);
        String from = knownNode(map.scalar("from"), nodes);
        String to = knownNode(map.scalar("to"), nodes);
        if (from.equals(to)) {
            throw map.scalar("to").error("a link must join two different nodes");
        }
        double up = map.scalar("up").positive(Quantity.BYTES_PER_SECOND);
        double down = map.has("down") ? map.scalar("down").positive(Quantity.BYTES_PER_SECOND) : up;
        double latency = map.scalar("latency").nonNegative(Quantity.SECONDS);
        double jitter = map.has("jitter") ? map.scalar("jitter").nonNegative(Quantity.SECONDS) : 0;
        double loss = 0;
        if (map.has("loss")) {
            YamlScalar lossField = map.scalar("loss");
            loss = lossField.nonNegative(Quantity.FRACTION);
            if (loss >= 1) {
                throw lossField.error("must be below 1 (100%)");
            }
        }
        return new Link(from, to, up, down, latency, jitter, loss);
    }

    private static String knownNode(YamlScalar field, Map<String, YamlNode> nodes) {
        String id = field.asString();
        if (!nodes.containsKey(id)) {
            throw field.error("unknown node '" + id + "'");
        }
        return id;
    }
}
