package io.edgellm.planner.bench;

import io.edgellm.planner.cache.CacheProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small caching instances from a seed: fine-tunes of one or two bases, integer sizes so a unit-1 knapsack is exact. */
public final class RandomCacheInstances {

    private RandomCacheInstances() {
    }

    public static CacheProblem problem(long seed, int maxServers, int maxModels, boolean twoPrecisions) {
        Random random = new Random(seed);
        int servers = 1 + random.nextInt(maxServers);
        int users = 2 + random.nextInt(5);
        int models = 2 + random.nextInt(maxModels - 1);
        int bases = 1 + random.nextInt(2);
        List<String> blockIds = new ArrayList<>();
        List<Double> blockBytes = new ArrayList<>();
        List<String> modelIds = new ArrayList<>();
        List<CacheProblem.Variant> variants = new ArrayList<>();
        String[] precisions = twoPrecisions ? new String[] {"f16", "q4_0"} : new String[] {"f16"};
        double[] qualities = {1.0, 0.6 + 0.3 * random.nextDouble()};
        int[] baseSize = new int[bases];
        for (int b = 0; b < bases; b++) {
            baseSize[b] = 4 + 2 * random.nextInt(6);
        }
        for (int i = 0; i < models; i++) {
            modelIds.add("model" + i);
            int base = random.nextInt(bases);
            int adapter = 1 + random.nextInt(3);
            for (int p = 0; p < precisions.length; p++) {
                int divisor = p == 0 ? 1 : 2;
                int baseBlock = blockIndex(blockIds, blockBytes, "base" + base + "@" + precisions[p],
                        baseSize[base] / divisor);
                int adapterBlock = blockIndex(blockIds, blockBytes, "adapter" + i, adapter);
                variants.add(new CacheProblem.Variant(i, precisions[p], qualities[p],
                        new int[] {baseBlock, adapterBlock}, baseSize[base] / divisor + adapter));
            }
        }
        double[] capacity = new double[servers];
        for (int m = 0; m < servers; m++) {
            capacity[m] = 3 + random.nextInt(16);
        }
        double[][] demand = new double[users][models];
        double[][] latency = new double[users][servers];
        double[][] rate = new double[users][servers];
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < models; i++) {
                demand[u][i] = random.nextDouble() < 0.8 ? random.nextDouble() : 0;
            }
            for (int m = 0; m < servers; m++) {
                latency[u][m] = 0.5 * random.nextDouble();
                rate[u][m] = 1 + 9 * random.nextDouble();
            }
        }
        double[] limit = new double[models];
        for (int i = 0; i < models; i++) {
            limit[i] = 0.5 + 2.5 * random.nextDouble();
        }
        return new CacheProblem(servers(servers), capacity, blockIds,
                blockBytes.stream().mapToDouble(Double::doubleValue).toArray(), modelIds, variants, demand, latency,
                rate, limit, 0.1);
    }

    private static List<String> servers(int count) {
        List<String> ids = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            ids.add("server" + m);
        }
        return ids;
    }

    private static int blockIndex(List<String> ids, List<Double> bytes, String id, double size) {
        int index = ids.indexOf(id);
        if (index >= 0) {
            return index;
        }
        ids.add(id);
        bytes.add(size);
        return ids.size() - 1;
    }
}
