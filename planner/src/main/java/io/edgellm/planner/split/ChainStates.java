package io.edgellm.planner.split;

import java.util.Arrays;

/**
 * The state space the split DPs share: the host of the current shard, among {@code subset} (problem
 * host indices), and, when hosts must be distinct, the set of subset hosts used so far (a bit mask).
 * Without distinct hosts the mask is left out, which is the relaxation that may revisit a host.
 */
record ChainStates(int[] subset, boolean distinct) {

    /** Every host of the problem, revisits allowed. */
    static ChainStates revisiting(PlacementProblem problem) {
        return new ChainStates(allHosts(problem), false);
    }

    static int[] allHosts(PlacementProblem problem) {
        int[] all = new int[problem.hostCount()];
        Arrays.setAll(all, i -> i);
        return all;
    }

    int hosts() {
        return subset.length;
    }

    int count() {
        return (distinct ? 1 << subset.length : 1) * subset.length;
    }

    /** The state of a chain whose current shard is on subset host i, having used {@code mask} before. */
    int state(int mask, int i) {
        return (distinct ? mask | (1 << i) : 0) * subset.length + i;
    }

    /** Subset index of the current shard's host. */
    int host(int state) {
        return state % subset.length;
    }

    int mask(int state) {
        return state / subset.length;
    }

    /** Whether a chain in a state with {@code mask} may put its next shard on subset host i. */
    boolean mayVisit(int mask, int i) {
        return !distinct || (mask & (1 << i)) == 0;
    }

    /** Problem host index of subset host i. */
    int problemHost(int i) {
        return subset[i];
    }
}
