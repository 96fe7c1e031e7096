package io.edgellm.planner.split;

/**
 * A search's answer in the problem's own terms: host indices in pipeline order and the blocks each
 * holds, with the objective value the search computed.
 *
 * @param lowerBound a proven lower bound on the optimum (the value itself for exact searches), or NaN
 */
public record Chain(int[] hosts, int[] blocks, double value, double lowerBound) {
}
