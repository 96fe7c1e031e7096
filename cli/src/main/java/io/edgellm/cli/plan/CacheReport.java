package io.edgellm.cli.plan;

import io.edgellm.planner.cache.CacheMigration;
import io.edgellm.planner.cache.CachePlacement;
import io.edgellm.planner.cache.CacheProblem;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code edgellm plan-cache} found, for the tables and the JSON alike.
 *
 * @param hitRatios every method's hit ratio, the chosen placement's first
 * @param note why a method was skipped, if one was
 * @param shift the re-planning after a popularity shift, when asked for
 */
record CacheReport(String library, String topology, CacheProblem problem, CachePlacement chosen,
                   Map<String, Double> hitRatios, Optional<String> note, Optional<Shift> shift) {

    /** Re-planning for popularity redrawn with {@code seed}, and the blocks that moves. */
    record Shift(long seed, double hitRatio, CacheMigration migration, double fullReloadBytes) {
    }

    /** The precisions of model i that server m caches, in the library's order of preference. */
    List<String> precisions(int server, int model) {
        BitSet held = chosen.variants(server);
        List<String> precisions = new ArrayList<>();
        for (int v : problem.variantsOf(model)) {
            if (held.get(v)) {
                precisions.add(problem.variant(v).precision());
            }
        }
        return precisions;
    }

    /** Rank of a precision in the library's order of preference (variants are built in that order). */
    int preference(String precision) {
        List<CacheProblem.Variant> variants = problem.variants();
        for (int v = 0; v < variants.size(); v++) {
            if (variants.get(v).precision().equals(precision)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no variant in precision " + precision);
    }

    /** Models with at least one variant on server m. */
    int models(int server) {
        int count = 0;
        for (int i = 0; i < problem.models(); i++) {
            if (!precisions(server, i).isEmpty()) {
                count++;
            }
        }
        return count;
    }
}
