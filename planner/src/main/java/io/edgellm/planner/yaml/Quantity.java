package io.edgellm.planner.yaml;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Physical quantities as written in YAML: a bare number in the base unit, or a number and a unit
 * ({@code 16 GiB}, {@code 100 Mbit/s}, {@code 5 ms}, {@code 20 TFLOP/s}, {@code 1%}). Values are
 * returned in base units: bytes, bytes per second, seconds, FLOP per second, watts, fractions.
 */
public enum Quantity {
    BYTES("bytes", Map.ofEntries(
            Map.entry("b", 1.0), Map.entry("kb", 1e3), Map.entry("mb", 1e6), Map.entry("gb", 1e9),
            Map.entry("tb", 1e12), Map.entry("kib", 1024.0), Map.entry("mib", 1024.0 * 1024),
            Map.entry("gib", 1024.0 * 1024 * 1024), Map.entry("tib", 1024.0 * 1024 * 1024 * 1024))),
    /** Bandwidth; bits are converted to bytes, so {@code 8 Mbit/s} is 1e6 bytes per second. */
    BYTES_PER_SECOND("bytes per second", Map.ofEntries(
            Map.entry("b/s", 1.0), Map.entry("kb/s", 1e3), Map.entry("mb/s", 1e6), Map.entry("gb/s", 1e9),
            Map.entry("tb/s", 1e12),
            Map.entry("bit/s", 1 / 8.0), Map.entry("kbit/s", 1e3 / 8), Map.entry("mbit/s", 1e6 / 8),
            Map.entry("gbit/s", 1e9 / 8), Map.entry("tbit/s", 1e12 / 8),
            Map.entry("gib/s", 1024.0 * 1024 * 1024), Map.entry("mib/s", 1024.0 * 1024))),
    SECONDS("seconds", Map.of("s", 1.0, "ms", 1e-3, "us", 1e-6, "µs", 1e-6, "ns", 1e-9, "min", 60.0)),
    FLOP_PER_SECOND("FLOP per second", Map.of("flop/s", 1.0, "mflop/s", 1e6, "gflop/s", 1e9,
            "tflop/s", 1e12, "pflop/s", 1e15)),
    WATTS("watts", Map.of("w", 1.0, "mw", 1e-3, "kw", 1e3)),
    /** A fraction in [0, 1]; {@code 2%} is 0.02. */
    FRACTION("fraction", Map.of("%", 0.01));

    private static final Pattern NUMBER_AND_UNIT =
            Pattern.compile("([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(\\S*)");

    private final String description;
    private final Map<String, Double> units;

    Quantity(String description, Map<String, Double> units) {
        this.description = description;
        this.units = units;
    }

    public double parse(YamlScalar scalar) {
        Matcher m = NUMBER_AND_UNIT.matcher(scalar.text().strip().replace("_", ""));
        if (!m.matches()) {
            throw scalar.error("'" + scalar.text() + "' is not a number with a unit of " + description
                    + " (units: " + String.join(", ", new java.util.TreeSet<>(units.keySet())) + ")");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        if (unit.isEmpty()) {
            return number;
        }
        Double factor = units.get(unit);
        if (factor == null) {
            throw scalar.error("unknown unit '" + m.group(2) + "' for " + description
                    + " (units: " + String.join(", ", new java.util.TreeSet<>(units.keySet())) + ")");
        }
        return number * factor;
    }
}
