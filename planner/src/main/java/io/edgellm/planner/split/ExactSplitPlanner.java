package io.edgellm.planner.split;

import java.util.Arrays;
import java.util.Optional;

/**
 * Exact split and placement over a small set of hosts: dynamic programming over (blocks placed,
 * host of the last shard, set of hosts used). Each host holds at most one shard, so its memory
 * limit is exact, and the number of shards (hops) is whatever minimises the objective.
 *
 * <p>Time O(L · 2^K · K · (K + L)) and memory O(L · 2^K · K) for L blocks and K hosts, so it is
 * limited to {@value #MAX_HOSTS} hosts; {@link ScalableSplitPlanner} picks which ones on larger
 * topologies.
 */
public final class ExactSplitPlanner implements SplitPlanner {

    public static final int MAX_HOSTS = 10;

    @Override
    public String name() {
        return "exact-dp";
    }

    @Override
    public Optional<Chain> search(PlacementProblem problem) {
        if (problem.hostCount() > MAX_HOSTS) {
            throw new IllegalArgumentException("exact search handles at most " + MAX_HOSTS + " hosts, got "
                    + problem.hostCount());
        }
        int[] all = new int[problem.hostCount()];
        Arrays.setAll(all, i -> i);
        return search(problem, all);
    }

    /** Exact optimum among chains that use only the hosts in {@code subset} (problem host indices). */
    public Optional<Chain> search(PlacementProblem problem, int[] subset) {
        int k = subset.length;
        int blocks = problem.blocks();
        int masks = 1 << k;
        int states = masks * k;
        // arrive[b][state]: cost with blocks [0, b) placed and a new shard about to start on the host;
        // done[b][state]: cost with the host's shard ending at block b. state = mask * k + host.
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
            arrive[0][(1 << i) * k + i] = problem.in(subset[i]);
        }
        for (int b = 0; b < blocks; b++) {
            if (b > 0) {
                for (int state = 0; state < states; state++) {
                    double base = done[b][state];
                    if (base == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    int mask = state / k;
                    int j = state % k;
                    for (int i = 0; i < k; i++) {
                        if ((mask & (1 << i)) != 0) {
                            continue;
                        }
                        int next = (mask | (1 << i)) * k + i;
                        double cost = problem.combine(base, problem.hop(subset[j], subset[i]));
                        if (cost < arrive[b][next]) {
                            arrive[b][next] = cost;
                            arriveFrom[b][next] = j;
                        }
                    }
                }
            }
            for (int state = 0; state < states; state++) {
                double base = arrive[b][state];
                if (base == Double.POSITIVE_INFINITY) {
                    continue;
                }
                int h = subset[state % k];
                for (int n = 1; b + n <= blocks; n++) {
                    double stage = problem.stage(h, n, b == 0, b + n == blocks);
                    if (stage == Double.POSITIVE_INFINITY) {
                        break; // past the host's memory: longer shards need more still
                    }
                    double cost = problem.combine(base, stage);
                    if (cost < done[b + n][state]) {
                        done[b + n][state] = cost;
                        doneBlocks[b + n][state] = n;
                    }
                }
            }
        }
        double best = Double.POSITIVE_INFINITY;
        int bestState = -1;
        for (int state = 0; state < states; state++) {
            double cost = problem.combine(done[blocks][state], problem.out(subset[state % k]));
            if (cost < best) {
                best = cost;
                bestState = state;
            }
        }
        if (bestState < 0) {
            return Optional.empty();
        }
        int[] hostsReversed = new int[k];
        int[] blocksReversed = new int[k];
        int shards = 0;
        int b = blocks;
        int state = bestState;
        while (true) {
            int n = doneBlocks[b][state];
            int host = state % k;
            hostsReversed[shards] = subset[host];
            blocksReversed[shards] = n;
            shards++;
            b -= n;
            if (b == 0) {
                break;
            }
            int previous = arriveFrom[b][state];
            int mask = (state / k) & ~(1 << host);
            state = mask * k + previous;
        }
        int[] hosts = new int[shards];
        int[] sizes = new int[shards];
        for (int s = 0; s < shards; s++) {
            hosts[s] = hostsReversed[shards - 1 - s];
            sizes[s] = blocksReversed[shards - 1 - s];
        }
        return Optional.of(new Chain(hosts, sizes, best, best));
    }

    private static double[] filled(int size) {
        double[] a = new double[size];
        Arrays.fill(a, Double.POSITIVE_INFINITY);
        return a;
    }
}
