package io.edgellm.planner.profile;

import java.util.Locale;
import java.util.Optional;

/** Weight precisions the planner reasons about, with llama.cpp's storage cost per weight. */
public enum Precision {
    F32(32.0),
    F16(16.0),
    /** 32 int8 weights plus one F16 scale per block of 32. */
    Q8_0(8.5),
    /** 32 four-bit weights plus one F16 scale per block of 32. */
    Q4_0(4.5),
    Q4_K(4.5);

    private final double bitsPerWeight;

    Precision(double bitsPerWeight) {
        this.bitsPerWeight = bitsPerWeight;
    }

    public double bitsPerWeight() {
        return bitsPerWeight;
    }

    public double bytesFor(double weights) {
        return weights * bitsPerWeight / 8.0;
    }

    /** The name used in YAML and on the command line, e.g. {@code q8_0}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Precision> fromName(String name) {
        for (Precision p : values()) {
            if (p.yamlName().equalsIgnoreCase(name.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
