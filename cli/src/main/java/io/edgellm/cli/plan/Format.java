package io.edgellm.cli.plan;

import io.edgellm.planner.split.Objective;

import java.util.Locale;

/** Human-readable figures for the planner's tables. */
final class Format {

    private Format() {
    }

    static String bytes(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s",
                v, units[u]);
    }

    static String seconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "n/a";
        }
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.1f us", seconds * 1e6);
        }
        return seconds < 1 ? String.format(Locale.ROOT, "%.2f ms", seconds * 1e3)
                : String.format(Locale.ROOT, "%.3f s", seconds);
    }

    static String objective(Objective objective, double value) {
        return switch (objective) {
            case THROUGHPUT -> String.format(Locale.ROOT, "%.1f tok/s", 1 / value);
            case ENERGY -> String.format(Locale.ROOT, "%.3f J/token", value);
            case TRAIN_ENERGY -> String.format(Locale.ROOT, "%.1f J/step", value);
            default -> seconds(value);
        };
    }
}
