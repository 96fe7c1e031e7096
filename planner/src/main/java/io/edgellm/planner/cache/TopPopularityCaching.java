package io.edgellm.planner.cache;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Baseline: every server caches the most requested models overall, each in the first listed
 * (highest quality) variant that fits, charging full model sizes as a cache unaware of sharing would.
 */
public final class TopPopularityCaching implements CachePlacer {

    @Override
    public String name() {
        return "top-popularity";
    }

    @Override
    public CachePlacement place(CacheProblem problem) {
        double[] popularity = new double[problem.models()];
        for (int u = 0; u < problem.users(); u++) {
            for (int i = 0; i < problem.models(); i++) {
                popularity[i] += problem.demand(u, i);
            }
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, problem.models()).boxed().toList());
        order.sort(Comparator.<Integer>comparingDouble(i -> -popularity[i]).thenComparingInt(i -> i));
        List<BitSet> placement = new ArrayList<>();
        for (int m = 0; m < problem.servers(); m++) {
            BitSet held = new BitSet();
            double free = problem.capacityBytes(m);
            for (int i : order) {
                for (int v : problem.variantsOf(i)) {
                    if (problem.variant(v).bytes() <= free) {
                        held.set(v);
                        free -= problem.variant(v).bytes();
                        break;
                    }
                }
            }
            placement.add(held);
        }
        return new CachePlacement(placement);
    }
}
