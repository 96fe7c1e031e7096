package io.edgellm.planner.cache;

import java.util.List;
import java.util.Map;

/**
 * A library of models built from shared parameter blocks, and how users request them.
 *
 * @param precisions quality factor of each allowed precision, in preference order (best first)
 */
public record CacheLibrary(String name, Map<String, Double> precisions, List<Block> blocks, List<Model> models,
                           Requests requests) {

    /** A parameter block; its size is given at F16 and scales with precision unless it is kept in F16. */
    public record Block(String id, double f16Bytes, boolean quantizable) {
    }

    public record Model(String id, List<String> blocks, double latencyLimitSeconds) {
    }

    /**
     * @param zipfExponent popularity of the model ranked r-th by a user is proportional to r^(−s)
     * @param spread how far users' rankings stray from the library order (0: all rank as listed)
     * @param inferenceSeconds on-device run time added to the download
     */
    public record Requests(double zipfExponent, double spread, double latencyLimitSeconds, double inferenceSeconds,
                           long seed) {
    }

    public CacheLibrary {
        precisions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(precisions));
        blocks = List.copyOf(blocks);
        models = List.copyOf(models);
    }
}
