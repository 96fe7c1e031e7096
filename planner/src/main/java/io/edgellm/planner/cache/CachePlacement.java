package io.edgellm.planner.cache;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Which variants each server caches; the blocks it stores are their union. */
public record CachePlacement(List<BitSet> variantsByServer) {

    public CachePlacement {
        List<BitSet> copy = new ArrayList<>();
        for (BitSet set : variantsByServer) {
            copy.add((BitSet) set.clone());
        }
        variantsByServer = List.copyOf(copy);
    }

    public static CachePlacement empty(int servers) {
        List<BitSet> sets = new ArrayList<>();
        for (int m = 0; m < servers; m++) {
            sets.add(new BitSet());
        }
        return new CachePlacement(sets);
    }

    public BitSet variants(int server) {
        return (BitSet) variantsByServer.get(server).clone();
    }

    /** Distinct blocks server m stores. */
    public BitSet blocks(CacheProblem problem, int server) {
        BitSet blocks = new BitSet();
        BitSet held = variantsByServer.get(server);
        for (int v = held.nextSetBit(0); v >= 0; v = held.nextSetBit(v + 1)) {
            for (int b : problem.variant(v).blocks()) {
                blocks.set(b);
            }
        }
        return blocks;
    }

    public double storedBytes(CacheProblem problem, int server) {
        return problem.bytes(blocks(problem, server));
    }

    public boolean fits(CacheProblem problem) {
        for (int m = 0; m < variantsByServer.size(); m++) {
            if (storedBytes(problem, m) > problem.capacityBytes(m) * (1 + 1e-12)) {
                return false;
            }
        }
        return true;
    }

    /** The quality-weighted share of requests served in time (see {@link CacheProblem}). */
    public double hitRatio(CacheProblem problem) {
        if (problem.totalDemand() == 0) {
            return 0;
        }
        double served = 0;
        for (int i = 0; i < problem.models(); i++) {
            served += served(problem, i);
        }
        return served / problem.totalDemand();
    }

    /** The same share among the requests for one model; 0 when nobody requests it. */
    public double hitRatio(CacheProblem problem, int model) {
        double demand = problem.demand(model);
        return demand == 0 ? 0 : served(problem, model) / demand;
    }

    private double served(CacheProblem problem, int model) {
        double served = 0;
        for (int u = 0; u < problem.users(); u++) {
            double d = problem.demand(u, model);
            if (d > 0) {
                served += d * bestQuality(problem, u, model);
            }
        }
        return served;
    }

    /** The best quality of model i that user u can get in time from this placement, 0 if none. */
    public double bestQuality(CacheProblem problem, int user, int model) {
        double best = 0;
        for (int v : problem.variantsOf(model)) {
            double quality = problem.variant(v).quality();
            if (quality <= best) {
                continue;
            }
            for (int m = 0; m < variantsByServer.size(); m++) {
                if (variantsByServer.get(m).get(v) && problem.reaches(user, m, v)) {
                    best = quality;
                    break;
                }
            }
        }
        return best;
    }
}
