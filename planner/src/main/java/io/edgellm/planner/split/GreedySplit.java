package io.edgellm.planner.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Baseline: walk from the source, each time moving to the unused host with the lowest cost per
 * block for the transfer there plus the largest shard it can take, and filling it.
 */
public final class GreedySplit implements SplitPlanner {

    @Override
    public String name() {
        return "greedy";
    }

    @Override
    public Optional<Chain> search(PlacementProblem problem) {
        int blocks = problem.blocks();
        boolean[] used = new boolean[problem.hostCount()];
        List<Integer> hosts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int placed = 0;
        int current = -1;
        while (placed < blocks) {
            int bestHost = -1;
            int bestSize = 0;
            double bestPerBlock = Double.POSITIVE_INFINITY;
            for (int h = 0; h < problem.hostCount(); h++) {
                if (used[h]) {
                    continue;
                }
                int size = shardSize(problem, h, placed);
                if (size == 0) {
                    continue;
                }
                double transfer = current < 0 ? problem.in(h) : problem.hop(current, h);
                double stage = problem.stage(h, size, placed == 0, placed + size == blocks);
                double perBlock = problem.combine(transfer, stage) / size;
                if (perBlock < bestPerBlock) {
                    bestPerBlock = perBlock;
                    bestHost = h;
                    bestSize = size;
                }
            }
            if (bestHost < 0) {
                return Optional.empty();
            }
            used[bestHost] = true;
            hosts.add(bestHost);
            sizes.add(bestSize);
            placed += bestSize;
            current = bestHost;
        }
        return BaselinePool.scored(problem, hosts, sizes);
    }

    /** The largest shard host h can take from block {@code placed} on, leaving the head to a later host if needed. */
    private static int shardSize(PlacementProblem problem, int h, int placed) {
        int remaining = problem.blocks() - placed;
        boolean first = placed == 0;
        if (problem.maxBlocks(h, first, true) >= remaining) {
            return remaining;
        }
        return Math.min(problem.maxBlocks(h, first, false), remaining - 1);
    }
}
