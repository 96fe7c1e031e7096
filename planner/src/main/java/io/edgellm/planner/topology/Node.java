package io.edgellm.planner.topology;

import io.edgellm.planner.profile.Precision;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A compute node. A node without a throughput entry for a precision cannot run weights of that
 * precision (e.g. a phone NPU without F32 kernels).
 */
public record Node(String id, NodeRole role, Map<Precision, Double> flopsPerSecond,
                   double memoryBandwidthBytesPerSecond, double memoryBytes, double storageBytes,
                   double idlePowerWatts, double busyPowerWatts) {

    public Node {
        Objects.requireNonNull(id);
        Objects.requireNonNull(role);
        flopsPerSecond = flopsPerSecond.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(flopsPerSecond));
        if (memoryBandwidthBytesPerSecond <= 0 || memoryBytes <= 0 || storageBytes <= 0) {
            throw new IllegalArgumentException(id + ": capacities must be positive");
        }
        if (idlePowerWatts < 0 || busyPowerWatts < idlePowerWatts) {
            throw new IllegalArgumentException(id + ": need 0 <= idle power <= busy power");
        }
    }

    public OptionalDouble flopsPerSecond(Precision precision) {
        Double value = flopsPerSecond.get(precision);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    public boolean supports(Precision precision) {
        return flopsPerSecond.containsKey(precision);
    }
}
