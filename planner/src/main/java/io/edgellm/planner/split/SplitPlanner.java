package io.edgellm.planner.split;

import java.util.Optional;

/** A way of choosing cut points and a host for each shard. */
public interface SplitPlanner {

    String name();

    /** The best chain this method finds; empty when it finds no chain within memory limits. */
    Optional<Chain> search(PlacementProblem problem);
}
