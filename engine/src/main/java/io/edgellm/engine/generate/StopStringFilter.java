package io.edgellm.engine.generate;

import java.util.List;

/**
 * Streams text while watching for stop strings that may arrive split over several tokens: text
 * that could still turn out to be the start of a stop string is held back until it cannot.
 */
final class StopStringFilter {

    private final List<String> stops;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder emitted = new StringBuilder();
    private boolean stopped;

    StopStringFilter(List<String> stops) {
        this.stops = stops;
    }

    /** Adds text; returns what can be shown now. After a stop string, returns the text before it and stops. */
    String accept(String text) {
        if (stopped) {
            return "";
        }
        held.append(text);
        int earliest = -1;
        for (String s : stops) {
            int at = held.indexOf(s);
            if (at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
            }
        }
        if (earliest >= 0) {
            stopped = true;
            return release(earliest);
        }
        return release(held.length() - longestSuffixThatStartsAStop());
    }

    /** Whatever is still held, at the end of the generation. */
    String flush() {
        return stopped ? "" : release(held.length());
    }

    boolean stopped() {
        return stopped;
    }

    String text() {
        return emitted.toString();
    }

    private String release(int length) {
        String out = held.substring(0, length);
        held.delete(0, stopped ? held.length() : length);
        emitted.append(out);
        return out;
    }

    private int longestSuffixThatStartsAStop() {
        int best = 0;
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, held.length()); k > best; k--) {
                if (held.indexOf(s.substring(0, k), held.length() - k) >= 0) {
                    best = k;
                    break;
                }
            }
        }
        return best;
    }
}
