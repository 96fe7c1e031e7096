package io.edgellm.planner.cache;

import java.util.BitSet;

/**
 * Incremental bookkeeping for greedy placement: the best quality each (user, model) pair gets so
 * far, and the marginal gain of adding each variant to each server, updated only where a user's
 * best quality changes.
 */
final class ServedState {

    private final CacheProblem problem;
    private final double[][] best;
    private final double[][] gain;
    private final BitSet[] variants;
    private final BitSet[] blocks;

    ServedState(CacheProblem problem) {
        this.problem = problem;
        int servers = problem.servers();
        int variantCount = problem.variants().size();
        this.best = new double[problem.users()][problem.models()];
        this.gain = new double[servers][variantCount];
        this.variants = new BitSet[servers];
        this.blocks = new BitSet[servers];
        for (int m = 0; m < servers; m++) {
            variants[m] = new BitSet();
            blocks[m] = new BitSet();
            for (int v = 0; v < variantCount; v++) {
                CacheProblem.Variant variant = problem.variant(v);
                double total = 0;
                for (int u = 0; u < problem.users(); u++) {
                    double d = problem.demand(u, variant.model());
                    if (d > 0 && problem.reaches(u, m, v)) {
                        total += d * variant.quality();
                    }
                }
                gain[m][v] = total;
            }
        }
    }

    double gain(int server, int v) {
        return gain[server][v];
    }

    boolean holds(int server, int v) {
        return variants[server].get(v);
    }

    /** Bytes of v's blocks that server m does not store yet. */
    double addedBytes(int server, int v) {
        double total = 0;
        for (int b : problem.variant(v).blocks()) {
            if (!blocks[server].get(b)) {
                total += problem.blockBytes(b);
            }
        }
        return total;
    }

    /** The best quality user u gets for the model so far, 0 when no server serves it in time. */
    double best(int user, int model) {
        return best[user][model];
    }

    void place(int server, int v) {
        if (variants[server].get(v)) {
            return;
        }
        variants[server].set(v);
        CacheProblem.Variant variant = problem.variant(v);
        for (int b : variant.blocks()) {
            blocks[server].set(b);
        }
        int model = variant.model();
        for (int u = 0; u < problem.users(); u++) {
            if (variant.quality() > best[u][model] && problem.demand(u, model) > 0 && problem.reaches(u, server, v)) {
                improve(u, model, variant.quality());
            }
        }
    }

    private void improve(int user, int model, double quality) {
        double before = best[user][model];
        double d = problem.demand(user, model);
        best[user][model] = quality;
        for (int v : problem.variantsOf(model)) {
            double q = problem.variant(v).quality();
            double lost = d * (Math.max(0, q - before) - Math.max(0, q - quality));
            if (lost == 0) {
                continue;
            }
            for (int m = 0; m < problem.servers(); m++) {
                if (problem.reaches(user, m, v)) {
                    gain[m][v] -= lost;
                }
            }
        }
    }

    CachePlacement placement() {
        return new CachePlacement(java.util.Arrays.asList(variants));
    }
}
