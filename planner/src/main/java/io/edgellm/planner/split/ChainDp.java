package io.edgellm.planner.split;

import java.util.Arrays;
import java.util.Optional;

/**
 * The dynamic programme behind the split searches, over states (blocks placed, host of the current
 * shard) and, when hosts must be distinct, the set of hosts used so far.
 * <ul>
 *   <li>{@link #distinctHosts}: each host holds at most one shard, so its memory limit is exact.
 *       Time O(L · 2^K · K · (K + L)), memory O(L · 2^K · K) for L blocks and K hosts.</li>
 *   <li>{@link #revisitingHosts}: the relaxation that lets a host appear again later in the chain,
 *       checking memory per visit only. Every real plan is one of its chains, so its optimum is a
 *       lower bound, and the optimum itself when its chain happens to use distinct hosts.
 *       Time O(L · H · (H + L)), memory O(L · H) for H hosts.</li>
 * </ul>
 * The relaxation is the distinct search with the set of used hosts left out of the state
 * ({@link ChainStates}), which is why one implementation serves both.
 */
final class ChainDp {

    private final PlacementProblem problem;
    private final ChainStates space;
    private final int k;
    private final int states;

    private ChainDp(PlacementProblem problem, ChainStates space) {
        this.problem = problem;
        this.space = space;
        this.k = space.hosts();
        this.states = space.count();
    }

    /** Exact optimum among chains of distinct hosts taken from {@code subset} (problem host indices). */
    static Optional<Chain> distinctHosts(PlacementProblem problem, int[] subset) {
        return new ChainDp(problem, new ChainStates(subset, true)).solve();
    }

    /** Optimum of the relaxation over every host; its value is a lower bound on every real plan. */
    static Optional<Chain> revisitingHosts(PlacementProblem problem) {
        return new ChainDp(problem, ChainStates.revisiting(problem)).solve();
    }

    static boolean distinct(int[] hosts) {
        return Arrays.stream(hosts).distinct().count() == hosts.length;
    }

    private Optional<Chain> solve() {
        int blocks = problem.blocks();
        // arrive[b][state]: cost with blocks [0, b) placed and a new shard about to start on the host;
        // done[b][state]: cost with the host's shard ending at block b.
        double[][] arrive = new double[blocks][];
        double[][] done = new double[blocks + 1][];
        int[][] arriveFrom = new int[blocks][];
        int[][] doneBlocks = new int[blocks + 1][];
        for (int b = 0; b <= blocks; b++) {
            done[b] = filled(states);
            doneBlocks[b] = new int[states];
            if (b < blocks) {
                arrive[b] = filled(states);
                arriveFrom[b] = new int[states];
            }
        }
        for (int i = 0; i < k; i++) {
            arrive[0][space.state(0, i)] = problem.in(space.problemHost(i));
        }
        for (int b = 0; b < blocks; b++) {
            if (b > 0) {
                for (int from = 0; from < states; from++) {
                    double base = done[b][from];
                    if (base == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    int mask = space.mask(from);
                    int j = space.host(from);
                    for (int i = 0; i < k; i++) {
                        if (!space.mayVisit(mask, i)) {
                            continue;
                        }
                        int next = space.state(mask, i);
                        double cost = problem.combine(base, problem.hop(space.problemHost(j), space.problemHost(i)));
                        if (cost < arrive[b][next]) {
                            arrive[b][next] = cost;
                            arriveFrom[b][next] = j;
                        }
                    }
                }
            }
            for (int s = 0; s < states; s++) {
                double base = arrive[b][s];
                if (base == Double.POSITIVE_INFINITY) {
                    continue;
                }
                int h = space.problemHost(space.host(s));
                for (int n = 1; b + n <= blocks; n++) {
                    double stage = problem.stage(h, n, b == 0, b + n == blocks);
                    if (stage == Double.POSITIVE_INFINITY) {
                        break; // past the host's memory: longer shards need more still
                    }
                    double cost = problem.combine(base, stage);
                    if (cost < done[b + n][s]) {
                        done[b + n][s] = cost;
                        doneBlocks[b + n][s] = n;
                    }
                }
            }
        }
        double best = Double.POSITIVE_INFINITY;
        int bestState = -1;
        for (int s = 0; s < states; s++) {
            double cost = problem.combine(done[blocks][s], problem.out(space.problemHost(space.host(s))));
            if (cost < best) {
                best = cost;
                bestState = s;
            }
        }
        if (bestState < 0) {
            return Optional.empty();
        }
        return Optional.of(backtrack(bestState, best, arriveFrom, doneBlocks));
    }

    private Chain backtrack(int lastState, double value, int[][] arriveFrom, int[][] doneBlocks) {
        int[] hostsReversed = new int[problem.blocks()];
        int[] blocksReversed = new int[problem.blocks()];
        int shards = 0;
        int b = problem.blocks();
        int s = lastState;
        while (b > 0) {
            int n = doneBlocks[b][s];
            int host = space.host(s);
            hostsReversed[shards] = space.problemHost(host);
            blocksReversed[shards] = n;
            shards++;
            b -= n;
            if (b > 0) {
                s = space.state(space.mask(s) & ~(1 << host), arriveFrom[b][s]);
            }
        }
        int[] hosts = new int[shards];
        int[] sizes = new int[shards];
        for (int i = 0; i < shards; i++) {
            hosts[i] = hostsReversed[shards - 1 - i];
            sizes[i] = blocksReversed[shards - 1 - i];
        }
        return new Chain(hosts, sizes, value, value);
    }

    private static double[] filled(int size) {
        double[] a = new double[size];
        Arrays.fill(a, Double.POSITIVE_INFINITY);
        return a;
    }
}
