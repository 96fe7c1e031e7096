package io.edgellm.planner.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parameter-sharing caching instance (TrimCaching's setting). Models are sets of parameter
 * blocks; each model can be cached in one or more precision variants, and a variant's blocks are
 * the model's blocks at that precision, so fine-tunes of one base share the base's blocks when
 * cached at the same precision. A server stores each distinct block once.
 *
 * <p>User u's request for model i is served in time by server m holding variant v of i when
 * {@code latency[u][m] + bytes(v) / rate[u][m] + inferenceSeconds ≤ limit(i)}: the user downloads the
 * model and runs it on the device. A served request scores the variant's quality (1 for full
 * precision, less for lossy variants), the best among the servers that can serve it; the objective is
 * the request-weighted mean score, the quality-weighted hit ratio.
 */
public final class CacheProblem {

    /** One cacheable item: model {@code model} at one precision, made of {@code blocks}. */
    public record Variant(int model, String precision, double quality, int[] blocks, double bytes) {
    }

    private final List<String> serverIds;
    private final double[] capacityBytes;
    private final List<String> blockIds;
    private final double[] blockBytes;
    private final List<String> modelIds;
    private final List<Variant> variants;
    private final int[][] variantsOfModel;
    private final double[][] demand;
    private final double[][] latencySeconds;
    private final double[][] bytesPerSecond;
    private final double[] limitSeconds;
    private final double inferenceSeconds;
    private final double totalDemand;
    private final double[] modelDemand;

    /**
     * @param demand [user][model] requests per unit time (user weight × popularity)
     * @param latencySeconds [user][server] one-way path latency
     * @param bytesPerSecond [user][server] download rate
     * @param limitSeconds per model, the deadline for download plus inference
     */
    public CacheProblem(List<String> serverIds, double[] capacityBytes, List<String> blockIds, double[] blockBytes,
                        List<String> modelIds, List<Variant> variants, double[][] demand, double[][] latencySeconds,
                        double[][] bytesPerSecond, double[] limitSeconds, double inferenceSeconds) {
        this.serverIds = List.copyOf(serverIds);
        this.capacityBytes = capacityBytes.clone();
        this.blockIds = List.copyOf(blockIds);
        this.blockBytes = blockBytes.clone();
        this.modelIds = List.copyOf(modelIds);
        this.variants = List.copyOf(variants);
        this.demand = demand;
        this.latencySeconds = latencySeconds;
        this.bytesPerSecond = bytesPerSecond;
        this.limitSeconds = limitSeconds.clone();
        this.inferenceSeconds = inferenceSeconds;
        Map<Integer, List<Integer>> byModel = new LinkedHashMap<>();
        for (int i = 0; i < modelIds.size(); i++) {
            byModel.put(i, new ArrayList<>());
        }
        for (int v = 0; v < variants.size(); v++) {
            byModel.get(variants.get(v).model()).add(v);
        }
        this.variantsOfModel = new int[modelIds.size()][];
        for (int i = 0; i < modelIds.size(); i++) {
            variantsOfModel[i] = byModel.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        this.modelDemand = new double[modelIds.size()];
        for (double[] row : demand) {
            for (int i = 0; i < row.length; i++) {
                modelDemand[i] += row[i];
            }
        }
        this.totalDemand = Arrays.stream(modelDemand).sum();
    }

    public int servers() {
        return serverIds.size();
    }

    public int users() {
        return demand.length;
    }

    public int models() {
        return modelIds.size();
    }

    public int blocks() {
        return blockIds.size();
    }

    public List<Variant> variants() {
        return variants;
    }

    public Variant variant(int v) {
        return variants.get(v);
    }

    public int[] variantsOf(int model) {
        return variantsOfModel[model];
    }

    public String serverId(int m) {
        return serverIds.get(m);
    }

    public String blockId(int b) {
        return blockIds.get(b);
    }

    public String modelId(int i) {
        return modelIds.get(i);
    }

    public double capacityBytes(int m) {
        return capacityBytes[m];
    }

    public double blockBytes(int b) {
        return blockBytes[b];
    }

    /** Total size of a set of blocks. */
    public double bytes(BitSet blocks) {
        double total = 0;
        for (int b = blocks.nextSetBit(0); b >= 0; b = blocks.nextSetBit(b + 1)) {
            total += blockBytes[b];
        }
        return total;
    }

    public double demand(int user, int model) {
        return demand[user][model];
    }

    public double totalDemand() {
        return totalDemand;
    }

    /** Requests for one model from every user. */
    public double demand(int model) {
        return modelDemand[model];
    }

    public double limitSeconds(int model) {
        return limitSeconds[model];
    }

    public double latencySeconds(int user, int server) {
        return latencySeconds[user][server];
    }

    public double bytesPerSecond(int user, int server) {
        return bytesPerSecond[user][server];
    }

    /** Whether server m holding variant v can serve user u's request in time. */
    public boolean reaches(int user, int server, int v) {
        Variant variant = variants.get(v);
        return latencySeconds[user][server] + variant.bytes() / bytesPerSecond[user][server] + inferenceSeconds
                <= limitSeconds[variant.model()];
    }
}
