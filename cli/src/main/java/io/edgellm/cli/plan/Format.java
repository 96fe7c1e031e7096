package io.edgellm.cli.plan;

import io.edgellm.cli.Units;
import io.edgellm.planner.split.Objective;

import java.util.Locale;

/** Human-readable figures for the planner's tables. */
final class Format {

    /** Relative differences below this are rounding between sums taken in another order: a tie. */
    private static final double TIE = 1e-9;

    private Format() {
    }

    static String bytes(double bytes) {
        return Units.bytes(Math.round(bytes));
    }

    static String seconds(double seconds) {
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.1f us", seconds * 1e6);
        }
        return seconds < 1 ? String.format(Locale.ROOT, "%.2f ms", seconds * 1e3)
                : String.format(Locale.ROOT, "%.3f s", seconds);
    }

    /** A figure as the objective that minimises it is shown; throughput as tokens per second. */
    static String objective(Objective objective, double value) {
        return switch (objective) {
            case DECODE_LATENCY -> seconds(value) + "/token";
            case TTFT -> seconds(value);
            case THROUGHPUT -> String.format(Locale.ROOT, "%.1f tokens/s", 1 / value);
            case TRAIN_ROUND -> seconds(value) + "/step";
            case ENERGY -> joules(value) + "/token";
            case TRAIN_ENERGY -> joules(value) + "/step";
        };
    }

    private static String joules(double joules) {
        return String.format(Locale.ROOT, joules >= 100 ? "%.1f J" : joules >= 0.1 ? "%.3f J" : "%.2e J", joules);
    }

    /**
     * How a plan compares with another on the figure shown for the objective: more time or energy
     * is a positive change, fewer tokens per second a negative one. Ties print as +0.0%.
     */
    static String change(Objective objective, double value, double reference) {
        double ratio = objective == Objective.THROUGHPUT ? reference / value : value / reference;
        double change = Math.abs(ratio - 1) < TIE ? 0 : ratio - 1;
        return String.format(Locale.ROOT, "%+.1f%%", 100 * change);
    }
}
