package io.edgellm.planner.cache;

/**
 * TrimCaching's algorithm for the general case: repeatedly add the (server, variant) pair with the
 * best marginal gain in served demand, charging only the blocks the server does not already hold,
 * until nothing that fits adds anything. Runs twice, ranking by gain per added byte and by gain
 * alone, and keeps the better placement (the usual guard for greedy under a knapsack budget).
 *
 * <p>Each step scans S·V pairs (S servers, V variants); gains are updated incrementally when a
 * user's best available quality changes, so a step costs O(S·V·b) with b blocks per variant plus
 * the updates, O(U·S·V) in total.
 *
 * <p>With {@code ignoreSharing} it becomes the independent-caching baseline: every variant is
 * charged its full size as if blocks were stored once per model.
 */
public final class MarginalGainCaching implements CachePlacer {

    private final boolean ignoreSharing;

    public MarginalGainCaching() {
        this(false);
    }

    private MarginalGainCaching(boolean ignoreSharing) {
        this.ignoreSharing = ignoreSharing;
    }

    /** Baseline that ignores parameter sharing when budgeting storage. */
    public static MarginalGainCaching independent() {
        return new MarginalGainCaching(true);
    }

    @Override
    public String name() {
        return ignoreSharing ? "independent" : "trimcaching-greedy";
    }

    @Override
    public CachePlacement place(CacheProblem problem) {
        CachePlacement byRatio = fill(problem, true);
        CachePlacement byGain = fill(problem, false);
        return byGain.hitRatio(problem) > byRatio.hitRatio(problem) + 1e-12 ? byGain : byRatio;
    }

    private CachePlacement fill(CacheProblem problem, boolean perByte) {
        ServedState state = new ServedState(problem);
        double[] free = new double[problem.servers()];
        for (int m = 0; m < free.length; m++) {
            free[m] = problem.capacityBytes(m);
        }
        double negligible = 1e-12 * problem.totalDemand();
        while (true) {
            int bestServer = -1;
            int bestVariant = -1;
            double bestScore = 0;
            double bestCost = 0;
            for (int m = 0; m < problem.servers(); m++) {
                for (int v = 0; v < problem.variants().size(); v++) {
                    double gain = state.gain(m, v);
                    if (gain <= negligible || state.holds(m, v)) {
                        continue;
                    }
                    double cost = ignoreSharing ? problem.variant(v).bytes() : state.addedBytes(m, v);
                    if (cost > free[m]) {
                        continue;
                    }
                    double score = !perByte ? gain : cost == 0 ? Double.POSITIVE_INFINITY : gain / cost;
                    if (score > bestScore || (score == bestScore && score == Double.POSITIVE_INFINITY
                            && gain > state.gain(bestServer, bestVariant))) {
                        bestScore = score;
                        bestServer = m;
                        bestVariant = v;
                        bestCost = cost;
                    }
                }
            }
            if (bestServer < 0) {
                return state.placement();
            }
            free[bestServer] -= bestCost;
            state.place(bestServer, bestVariant);
        }
    }
}
