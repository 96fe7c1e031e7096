package io.edgellm.planner.cache;

/** An algorithm that chooses what each edge server caches. */
public interface CachePlacer {

    String name();

    CachePlacement place(CacheProblem problem);
}
