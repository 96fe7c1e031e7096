package io.edgellm.planner.cache;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Online baseline: no planning, each server is an LRU cache of model variants with block
 * reference counting (a shared block stays while any cached variant uses it). Requests are drawn
 * from the demand with a fixed seed; a request is a hit when some server holding a variant of the
 * model can serve it in time (scored by the best such variant's quality). On a miss the user's
 * fastest server fetches the best variant that would be in time from it, evicting least recently
 * used variants until the new blocks fit. The hit ratio counts requests after a warm-up fifth.
 */
public final class LruCacheSimulation {

    private LruCacheSimulation() {
    }

    public record Result(double hitRatio, int requests, CachePlacement finalPlacement) {
    }

    public static Result run(CacheProblem problem, int requests, long seed) {
        Random random = new Random(seed);
        double[] cumulative = cumulativeDemand(problem);
        int servers = problem.servers();
        List<LinkedHashMap<Integer, Boolean>> lru = new ArrayList<>();
        List<Map<Integer, Integer>> blockUses = new ArrayList<>();
        double[] used = new double[servers];
        for (int m = 0; m < servers; m++) {
            lru.add(new LinkedHashMap<>(16, 0.75f, true));
            blockUses.add(new java.util.HashMap<>());
        }
        int warmUp = requests / 5;
        double score = 0;
        for (int r = 0; r < requests; r++) {
            int pair = search(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
            int user = pair / problem.models();
            int model = pair % problem.models();
            double quality = 0;
            int hitServer = -1;
            int hitVariant = -1;
            for (int m = 0; m < servers; m++) {
                for (int v : problem.variantsOf(model)) {
                    if (lru.get(m).containsKey(v) && problem.reaches(user, m, v)
                            && problem.variant(v).quality() > quality) {
                        quality = problem.variant(v).quality();
                        hitServer = m;
                        hitVariant = v;
                    }
                }
            }
            if (hitServer >= 0) {
                lru.get(hitServer).get(hitVariant);
            } else {
                admit(problem, user, model, lru, blockUses, used);
            }
            if (r >= warmUp) {
                score += quality;
            }
        }
        List<BitSet> finalSets = new ArrayList<>();
        for (var cache : lru) {
            BitSet set = new BitSet();
            cache.keySet().forEach(set::set);
            finalSets.add(set);
        }
        return new Result(score / (requests - warmUp), requests, new CachePlacement(finalSets));
    }

    private static void admit(CacheProblem problem, int user, int model, List<LinkedHashMap<Integer, Boolean>> lru,
                              List<Map<Integer, Integer>> blockUses, double[] used) {
        int server = 0;
        for (int m = 1; m < problem.servers(); m++) {
            if (problem.bytesPerSecond(user, m) > problem.bytesPerSecond(user, server)) {
                server = m;
            }
        }
        int chosen = -1;
        for (int v : problem.variantsOf(model)) {
            if (problem.reaches(user, server, v) && problem.variant(v).bytes() <= problem.capacityBytes(server)
                    && (chosen < 0 || problem.variant(v).quality() > problem.variant(chosen).quality())) {
                chosen = v;
            }
        }
        if (chosen < 0) {
            return;
        }
        Map<Integer, Integer> uses = blockUses.get(server);
        LinkedHashMap<Integer, Boolean> cache = lru.get(server);
        while (used[server] + newBytes(problem, uses, chosen) > problem.capacityBytes(server)) {
            int victim = cache.keySet().iterator().next();
            cache.remove(victim);
            for (int b : problem.variant(victim).blocks()) {
                if (uses.merge(b, -1, Integer::sum) == 0) {
                    uses.remove(b);
                    used[server] -= problem.blockBytes(b);
                }
            }
        }
        used[server] += newBytes(problem, uses, chosen);
        for (int b : problem.variant(chosen).blocks()) {
            uses.merge(b, 1, Integer::sum);
        }
        cache.put(chosen, Boolean.TRUE);
    }

    private static double newBytes(CacheProblem problem, Map<Integer, Integer> uses, int v) {
        double total = 0;
        for (int b : problem.variant(v).blocks()) {
            if (!uses.containsKey(b)) {
                total += problem.blockBytes(b);
            }
        }
        return total;
    }

    private static double[] cumulativeDemand(CacheProblem problem) {
        double[] cumulative = new double[problem.users() * problem.models()];
        double running = 0;
        for (int u = 0; u < problem.users(); u++) {
            for (int i = 0; i < problem.models(); i++) {
                running += problem.demand(u, i);
                cumulative[u * problem.models() + i] = running;
            }
        }
        return cumulative;
    }

    private static int search(double[] cumulative, double target) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
