package io.edgellm.planner.yaml;

/** A YAML scalar kept as its text; typed accessors report errors at its location. */
public record YamlScalar(String text, boolean quoted, SourceLocation location, String path) implements YamlNode {

    public String asString() {
        return text;
    }

    public double asDouble() {
        try {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value)) {
                throw error("'" + text + "' is not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw error("'" + text + "' is not a number");
        }
    }

    public long asLong() {
        try {
            return Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("'" + text + "' is not a whole number");
        }
    }

    public int asInt() {
        long value = asLong();
        if (value != (int) value) {
            throw error(text + " is too large");
        }
        return (int) value;
    }

    public boolean asBoolean() {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw error("'" + text + "' is not true or false");
        };
    }

    public int positiveInt() {
        int value = asInt();
        if (value <= 0) {
            throw error("must be positive, got " + value);
        }
        return value;
    }

    /** Parses a quantity with units (e.g. {@code 16 GiB}) and checks it is positive. */
    public double positive(Quantity quantity) {
        double value = quantity.parse(this);
        if (value <= 0) {
            throw error("must be positive, got " + text);
        }
        return value;
    }

    /** Parses a quantity with units and checks it is zero or more. */
    public double nonNegative(Quantity quantity) {
        double value = quantity.parse(this);
        if (value < 0) {
            throw error("must not be negative, got " + text);
        }
        return value;
    }
}
