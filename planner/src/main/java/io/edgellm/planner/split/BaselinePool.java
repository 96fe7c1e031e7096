package io.edgellm.planner.split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The hosts the baselines spread a model over: the nearest ones to the source by the cost of
 * sending a token there and back, at most {@value #SIZE}, the source itself first.
 */
final class BaselinePool {

    static final int SIZE = 8;

    private BaselinePool() {
    }

    static int[] nearest(PlacementProblem problem) {
        List<Integer> hosts = new ArrayList<>(IntStream.range(0, problem.hostCount()).boxed().toList());
        hosts.sort(Comparator.<Integer>comparingDouble(h -> problem.host(h) == problem.source() ? -1
                : distance(problem, h)).thenComparingInt(h -> h));
        return hosts.stream().limit(SIZE).mapToInt(Integer::intValue).toArray();
    }

    private static double distance(PlacementProblem problem, int h) {
        double in = problem.in(h) == Double.POSITIVE_INFINITY ? 0 : problem.in(h);
        return in + problem.out(h);
    }

    /** A chain scored with the problem's tables; empty result when some shard breaks memory. */
    static Optional<Chain> scored(PlacementProblem problem, int[] hosts, int[] blocks) {
        double value = problem.cost(hosts, blocks);
        return value == Double.POSITIVE_INFINITY ? Optional.empty()
                : Optional.of(new Chain(hosts, blocks, value, Double.NaN));
    }

    static Optional<Chain> scored(PlacementProblem problem, List<Integer> hosts, List<Integer> blocks) {
        return scored(problem, hosts.stream().mapToInt(Integer::intValue).toArray(),
                blocks.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The better of two answers; the earlier one on ties. */
    static Optional<Chain> better(Optional<Chain> best, Optional<Chain> candidate) {
        return candidate.isPresent() && (best.isEmpty() || candidate.get().value() < best.get().value())
                ? candidate : best;
    }
}
