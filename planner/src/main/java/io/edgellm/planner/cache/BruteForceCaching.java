package io.edgellm.planner.cache;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Reference answer for small instances: every feasible set of variants on every server. */
public final class BruteForceCaching implements CachePlacer {

    private static final long MAX_COMBINATIONS = 2_000_000;

    @Override
    public String name() {
        return "brute-force";
    }

    @Override
    public CachePlacement place(CacheProblem problem) {
        int variants = problem.variants().size();
        List<List<BitSet>> feasiblePerServer = new ArrayList<>();
        long combinations = 1;
        for (int m = 0; m < problem.servers(); m++) {
            List<BitSet> feasible = new ArrayList<>();
            for (long mask = 0; mask < (1L << variants); mask++) {
                BitSet set = BitSet.valueOf(new long[] {mask});
                List<BitSet> single = new ArrayList<>();
                for (int k = 0; k < problem.servers(); k++) {
                    single.add(k == m ? set : new BitSet());
                }
                if (new CachePlacement(single).storedBytes(problem, m) <= problem.capacityBytes(m)) {
                    feasible.add(set);
                }
            }
            feasiblePerServer.add(feasible);
            combinations *= feasible.size();
            if (combinations > MAX_COMBINATIONS) {
                throw new IllegalArgumentException("instance too large for brute force");
            }
        }
        BitSet[] current = new BitSet[problem.servers()];
        CachePlacement[] best = {null};
        double[] bestValue = {-1};
        enumerate(problem, feasiblePerServer, 0, current, best, bestValue);
        return best[0];
    }

    private static void enumerate(CacheProblem problem, List<List<BitSet>> options, int server, BitSet[] current,
                                  CachePlacement[] best, double[] bestValue) {
        if (server == options.size()) {
            CachePlacement placement = new CachePlacement(List.of(current));
            double value = placement.hitRatio(problem);
            if (value > bestValue[0]) {
                bestValue[0] = value;
                best[0] = placement;
            }
            return;
        }
        for (BitSet option : options.get(server)) {
            current[server] = option;
            enumerate(problem, options, server + 1, current, best, bestValue);
        }
    }
}
