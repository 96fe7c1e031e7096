package io.edgellm.planner.yaml;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A YAML mapping with insertion-ordered fields. Readers call {@link #allowOnly} first so a
 * misspelt field is an error rather than a silently ignored setting.
 */
public record YamlMap(Map<String, YamlNode> fields, Map<String, SourceLocation> keyLocations,
                      SourceLocation location, String path) implements YamlNode {

    public YamlMap {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        keyLocations = Map.copyOf(keyLocations);
    }

    /** Rejects any field not in {@code allowed}, naming the closest known one. */
    public YamlMap allowOnly(Collection<String> allowed) {
        for (String key : fields.keySet()) {
            if (!allowed.contains(key)) {
                String hint = closest(key, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
                throw new InvalidInputException(keyLocations.get(key), childPath(key),
                        "unknown field" + hint + "; known fields: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    public YamlNode require(String key) {
        YamlNode node = fields.get(key);
        if (node == null) {
            throw new InvalidInputException(location, childPath(key), "is required but missing");
        }
        return node;
    }

    public Optional<YamlNode> optional(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    public YamlScalar scalar(String key) {
        return require(key).asScalar();
    }

    public String string(String key) {
        return scalar(key).asString();
    }

    public String string(String key, String fallback) {
        return optional(key).map(n -> n.asScalar().asString()).orElse(fallback);
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Optional<String> closest(String key, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(candidates)) {
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
