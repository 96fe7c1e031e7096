package io.edgellm.planner.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Split and placement for any number of hosts, with a proven bound on its gap.
 * <ol>
 *   <li>Solve the relaxation that lets a host be revisited ({@link RelaxedSplitSearch}); its
 *       optimum is a lower bound, and if its chain uses distinct hosts it is optimal (gap 0).</li>
 *   <li>Otherwise keep a candidate set: the relaxed chain's hosts, then the hosts that look best
 *       alone (transfer in and out plus a full model's worth of their per-block cost at the largest
 *       shard they hold), up to {@code candidates}; and solve exactly over it with
 *       {@link ExactSplitPlanner}.</li>
 * </ol>
 * The returned chain carries the relaxed bound, so every answer states its worst-case gap; tests
 * and the benchmark also measure the real gap against brute force.
 */
public final class ScalableSplitPlanner implements SplitPlanner {

    private final int candidates;

    public ScalableSplitPlanner() {
        this(ExactSplitPlanner.MAX_HOSTS);
    }

    public ScalableSplitPlanner(int candidates) {
        if (candidates < 1 || candidates > ExactSplitPlanner.MAX_HOSTS) {
            throw new IllegalArgumentException("candidates must be in 1.." + ExactSplitPlanner.MAX_HOSTS);
        }
        this.candidates = candidates;
    }

    @Override
    public String name() {
        return "dp";
    }

    @Override
    public Optional<Chain> search(PlacementProblem problem) {
        Chain relaxed = RelaxedSplitSearch.solve(problem);
        if (relaxed.hosts().length == 0) {
            return Optional.empty();
        }
        if (RelaxedSplitSearch.distinct(relaxed.hosts())) {
            return Optional.of(relaxed);
        }
        int[] subset = candidateHosts(problem, relaxed);
        return new ExactSplitPlanner().search(problem, subset)
                .map(c -> new Chain(c.hosts(), c.blocks(), c.value(), relaxed.value()));
    }

    private int[] candidateHosts(PlacementProblem problem, Chain relaxed) {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int h : relaxed.hosts()) {
            if (chosen.size() < candidates) {
                chosen.add(h);
            }
        }
        double[] score = new double[problem.hostCount()];
        for (int h = 0; h < score.length; h++) {
            score[h] = standaloneScore(problem, h);
        }
        List<Integer> ranked = new ArrayList<>(IntStream.range(0, score.length).boxed().toList());
        ranked.sort(Comparator.<Integer>comparingDouble(h -> score[h]).thenComparingInt(h -> h));
        for (int h : ranked) {
            if (chosen.size() >= candidates) {
                break;
            }
            if (score[h] < Double.POSITIVE_INFINITY) {
                chosen.add(h);
            }
        }
        int[] subset = chosen.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(subset);
        return subset;
    }

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
