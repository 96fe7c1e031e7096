package io.edgellm.planner.split;

import java.util.Arrays;

/**
 * Dynamic programming over (blocks placed, host of the last shard) that lets a host appear again
 * later in the chain, checking memory per visit only. Every real plan is one of its chains, so its
 * optimum is a lower bound; when that optimal chain happens to use distinct hosts it is the exact
 * optimum. Time O(L · H · (H + L)), memory O(L · H) for L blocks and H hosts.
 */
final class RelaxedSplitSearch {

    private RelaxedSplitSearch() {
    }

    static Chain solve(PlacementProblem problem) {
        int h = problem.hostCount();
        int blocks = problem.blocks();
        double[][] done = new double[blocks + 1][h];
        int[][] doneBlocks = new int[blocks + 1][h];
        double[] arrive = new double[h];
        int[][] arriveFrom = new int[blocks][h];
        for (double[] row : done) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        for (int b = 0; b < blocks; b++) {
            if (b == 0) {
                for (int i = 0; i < h; i++) {
                    arrive[i] = problem.in(i);
                }
            } else {
                Arrays.fill(arrive, Double.POSITIVE_INFINITY);
                for (int j = 0; j < h; j++) {
                    double base = done[b][j];
                    if (base == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    for (int i = 0; i < h; i++) {
                        double cost = problem.combine(base, problem.hop(j, i));
                        if (cost < arrive[i]) {
                            arrive[i] = cost;
                            arriveFrom[b][i] = j;
                        }
                    }
                }
            }
            for (int i = 0; i < h; i++) {
                if (arrive[i] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (int n = 1; b + n <= blocks; n++) {
                    double stage = problem.stage(i, n, b == 0, b + n == blocks);
                    if (stage == Double.POSITIVE_INFINITY) {
                        break;
                    }
                    double cost = problem.combine(arrive[i], stage);
                    if (cost < done[b + n][i]) {
                        done[b + n][i] = cost;
                        doneBlocks[b + n][i] = n;
                    }
                }
            }
        }
        double best = Double.POSITIVE_INFINITY;
        int last = -1;
        for (int i = 0; i < h; i++) {
            double cost = problem.combine(done[blocks][i], problem.out(i));
            if (cost < best) {
                best = cost;
                last = i;
            }
        }
        if (last < 0) {
            return new Chain(new int[0], new int[0], Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        int[] hostsReversed = new int[blocks];
        int[] sizesReversed = new int[blocks];
        int shards = 0;
        int b = blocks;
        int host = last;
        while (b > 0) {
            int n = doneBlocks[b][host];
            hostsReversed[shards] = host;
            sizesReversed[shards] = n;
            shards++;
            b -= n;
            if (b > 0) {
                host = arriveFrom[b][host];
            }
        }
        int[] hosts = new int[shards];
        int[] sizes = new int[shards];
        for (int s = 0; s < shards; s++) {
            hosts[s] = hostsReversed[shards - 1 - s];
            sizes[s] = sizesReversed[shards - 1 - s];
        }
        return new Chain(hosts, sizes, best, best);
    }

    static boolean distinct(int[] hosts) {
        return Arrays.stream(hosts).distinct().count() == hosts.length;
    }
}
