package io.edgellm.planner.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Baseline in the manner of exo: every host in the pool gets blocks in proportion to its memory
 * (largest remainder rounding), in order of distance from the source; hosts given no block drop out.
 */
public final class MemoryProportionalSplit implements SplitPlanner {

    @Override
    public String name() {
        return "memory-proportional";
    }

    @Override
    public Optional<Chain> search(PlacementProblem problem) {
        int[] pool = BaselinePool.nearest(problem);
        double totalMemory = 0;
        for (int h : pool) {
            totalMemory += memory(problem, h);
        }
        int blocks = problem.blocks();
        int[] share = new int[pool.length];
        double[] remainder = new double[pool.length];
        int assigned = 0;
        for (int i = 0; i < pool.length; i++) {
            double exact = blocks * memory(problem, pool[i]) / totalMemory;
            share[i] = (int) Math.floor(exact);
            remainder[i] = exact - share[i];
            assigned += share[i];
        }
        while (assigned < blocks) {
            int pick = 0;
            for (int i = 1; i < pool.length; i++) {
                if (remainder[i] > remainder[pick]) {
                    pick = i;
                }
            }
            share[pick]++;
            remainder[pick] = -1;
            assigned++;
        }
        List<Integer> hosts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < pool.length; i++) {
            if (share[i] > 0) {
                hosts.add(pool[i]);
                sizes.add(share[i]);
            }
        }
        return BaselinePool.scored(problem, hosts, sizes);
    }

    private static double memory(PlacementProblem problem, int h) {
        return problem.topology().node(problem.host(h)).memoryBytes();
    }
}
