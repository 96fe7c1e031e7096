package io.edgellm.cli;

import java.util.Locale;

/** Formats sizes and counts for people. */
public final class Units {

    private Units() {
    }

    /** Binary units: 1.50 GiB, 12.0 MiB, 512 B. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v, units[u]);
    }

    /** Decimal magnitudes for parameter counts: 1.10B, 3.5M, 900K. */
    public static String count(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        String[] suffix = {"K", "M", "B", "T"};
        double v = n;
        int s = -1;
        while (v >= 1000 && s < suffix.length - 1) {
            v /= 1000;
            s++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f%s" : v >= 10 ? "%.1f%s" : "%.2f%s", v, suffix[s]);
    }
}
