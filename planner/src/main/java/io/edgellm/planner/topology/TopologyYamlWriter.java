package io.edgellm.planner.topology;

import io.edgellm.planner.profile.Precision;

import java.util.Locale;

/** Writes a topology in the schema {@link TopologyYaml} reads, with readable units. */
public final class TopologyYamlWriter {

    private TopologyYamlWriter() {
    }

    public static String write(Topology topology, String comment) {
        StringBuilder out = new StringBuilder();
        comment.lines().forEach(line -> out.append("# ").append(line).append('\n'));
        out.append("name: ").append(topology.name()).append("\nnodes:\n");
        for (Node node : topology.nodes()) {
            out.append("  - id: ").append(node.id()).append('\n');
            out.append("    role: ").append(node.role().yamlName()).append('\n');
            out.append("    compute: {");
            boolean first = true;
            for (Precision p : Precision.values()) {
                Double flops = node.flopsPerSecond().get(p);
                if (flops != null) {
                    out.append(first ? "" : ", ").append(p.yamlName()).append(": ")
                            .append(format(flops / 1e12)).append(" TFLOP/s");
                    first = false;
                }
            }
            out.append("}\n");
            out.append("    memory_bandwidth: ").append(format(node.memoryBandwidthBytesPerSecond() / 1e9))
                    .append(" GB/s\n");
            out.append("    memory: ").append(format(node.memoryBytes() / (1L << 30))).append(" GiB\n");
            out.append("    storage: ").append(format(node.storageBytes() / 1e9)).append(" GB\n");
            out.append("    idle_power: ").append(format(node.idlePowerWatts())).append(" W\n");
            out.append("    busy_power: ").append(format(node.busyPowerWatts())).append(" W\n");
        }
        out.append("links:\n");
        for (Link link : topology.links()) {
            out.append("  - {from: ").append(link.from()).append(", to: ").append(link.to())
                    .append(", up: ").append(format(link.upBytesPerSecond() * 8 / 1e6)).append(" Mbit/s")
                    .append(", down: ").append(format(link.downBytesPerSecond() * 8 / 1e6)).append(" Mbit/s")
                    .append(", latency: ").append(format(link.latencySeconds() * 1e3)).append(" ms")
                    .append(", jitter: ").append(format(link.jitterSeconds() * 1e3)).append(" ms")
                    .append(", loss: ").append(format(link.lossRate() * 100)).append("%}\n");
        }
        return out.toString();
    }

    private static String format(double value) {
        String text = String.format(Locale.ROOT, "%.6g", value);
        if (text.contains("e") || !text.contains(".")) {
            return text;
        }
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
