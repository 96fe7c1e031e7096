package io.edgellm.planner.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The hosts the scalable searches hand to the exact search on large topologies: first the hosts of
 * some seed chains (the relaxation's answer and the like), then, taking turns between the given
 * problems, the hosts that look best on their own in each.
 */
final class CandidateHosts {

    private CandidateHosts() {
    }

    /** A planner's candidate limit, checked: the exact search behind it handles at most 10 hosts. */
    static int checkedLimit(int candidates) {
        if (candidates < 1 || candidates > ExactSplitPlanner.MAX_HOSTS) {
            throw new IllegalArgumentException("candidates must be in 1.." + ExactSplitPlanner.MAX_HOSTS);
        }
        return candidates;
    }

    static int[] choose(int limit, List<int[]> seedChains, List<PlacementProblem> rankings) {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int[] chain : seedChains) {
            for (int h : chain) {
                if (chosen.size() < limit) {
                    chosen.add(h);
                }
            }
        }
        List<List<Integer>> ranked = rankings.stream().map(CandidateHosts::rankedAlone).toList();
        int[] next = new int[ranked.size()];
        boolean progress = true;
        while (chosen.size() < limit && progress) {
            progress = false;
            for (int r = 0; r < ranked.size() && chosen.size() < limit; r++) {
                List<Integer> list = ranked.get(r);
                while (next[r] < list.size() && chosen.contains(list.get(next[r]))) {
                    next[r]++;
                }
                if (next[r] < list.size()) {
                    chosen.add(list.get(next[r]));
                    progress = true;
                }
            }
        }
        int[] subset = chosen.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(subset);
        return subset;
    }

    /**
     * The hosts that can hold at least one block, in order. A host that cannot hold one block as a
     * middle shard cannot hold any shard: the first and last shards need more memory still.
     */
    static int[] useful(PlacementProblem problem) {
        return IntStream.range(0, problem.hostCount()).filter(h -> problem.maxBlocks(h, false, false) > 0).toArray();
    }

    /** Usable hosts by their cost alone, best first. */
    private static List<Integer> rankedAlone(PlacementProblem problem) {
        double[] score = new double[problem.hostCount()];
        for (int h = 0; h < score.length; h++) {
            score[h] = standaloneScore(problem, h);
        }
        List<Integer> ranked = new ArrayList<>(IntStream.range(0, score.length)
                .filter(h -> score[h] < Double.POSITIVE_INFINITY).boxed().toList());
        ranked.sort(Comparator.<Integer>comparingDouble(h -> score[h]).thenComparingInt(h -> h));
        return ranked;
    }

    /** Transfer in and out plus a full model's worth of the host's per-block cost at the largest shard it holds. */
    private static double standaloneScore(PlacementProblem problem, int h) {
        int capacity = problem.maxBlocks(h, false, false);
        if (capacity == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double perBlock = problem.stage(h, capacity, false, false) / capacity;
        double compute = problem.objective().bottleneck() ? perBlock * Math.min(capacity, problem.blocks())
                : perBlock * problem.blocks();
        // Training pins the first shard to the source; other hosts are still useful further down.
        double in = problem.in(h) == Double.POSITIVE_INFINITY ? 0 : problem.in(h);
        return problem.combine(problem.combine(in, compute), problem.out(h));
    }
}
