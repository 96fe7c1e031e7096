package io.edgellm.engine.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Examples dealt to the clients of federated or split learning. {@link #dirichlet} gives the
 * usual label-skewed non-IID split: for each category, the share each client receives is drawn
 * from Dirichlet(α); small α concentrates a category on few clients, α = +∞ gives every client
 * the same share of every category (IID). With small α some clients may receive nothing.
 */
public record ClientPartition(List<List<Example>> clients) {

    public ClientPartition {
        clients = clients.stream().map(List::copyOf).toList();
    }

    /**
     * Deals every example to exactly one of {@code clientCount} clients, deterministically for a seed.
     *
     * @throws IllegalArgumentException if an example has no category, or α is not positive
     */
    public static ClientPartition dirichlet(List<Example> examples, int clientCount, double alpha, long seed) {
        if (clientCount < 1) {
            throw new IllegalArgumentException("need at least one client, got " + clientCount);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("Dirichlet concentration α must be positive (+∞ for IID), got " + alpha);
        }
        Map<String, List<Example>> byCategory = new LinkedHashMap<>();
        for (Example e : examples) {
            if (e.category() == null) {
                throw new IllegalArgumentException("example without a category cannot be split by category: " + e.prompt());
            }
            byCategory.computeIfAbsent(e.category(), k -> new ArrayList<>()).add(e);
        }
        List<List<Example>> clients = new ArrayList<>();
        for (int k = 0; k < clientCount; k++) {
            clients.add(new ArrayList<>());
        }
        Random r = new Random(Draw.mix(seed));
        for (List<Example> group : byCategory.values()) {
            List<Example> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, r);
            int[] counts = apportion(Dirichlet.sample(r, alpha, clientCount), shuffled.size(), r);
            int from = 0;
            for (int k = 0; k < clientCount; k++) {
                clients.get(k).addAll(shuffled.subList(from, from + counts[k]));
                from += counts[k];
            }
        }
        clients.forEach(c -> Collections.shuffle(c, r));
        return new ClientPartition(clients);
    }

    /**
     * Whole counts proportional to {@code shares} that add up to {@code total} (largest
     * remainder); equal remainders are broken in a random order so that, for IID splits, the
     * leftover examples of each category go to different clients.
     */
    private static int[] apportion(double[] shares, int total, Random r) {
        int[] counts = new int[shares.length];
        double[] remainder = new double[shares.length];
        int given = 0;
        for (int k = 0; k < shares.length; k++) {
            double exact = shares[k] * total;
            counts[k] = (int) Math.floor(exact);
            remainder[k] = exact - counts[k];
            given += counts[k];
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, shares.length).boxed().toList());
        Collections.shuffle(order, r);
        order.sort(Comparator.comparingDouble((Integer k) -> remainder[k]).reversed());
        for (int i = 0; given < total; i++, given++) {
            counts[order.get(i % order.size())]++;
        }
        return counts;
    }

    /** How many examples of each category client {@code client} holds. */
    public Map<String, Integer> categoryCounts(int client) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        clients.get(client).forEach(e -> counts.merge(e.category(), 1, Integer::sum));
        return counts;
    }

    /**
     * Label skew: the total-variation distance between each client's category distribution
     * and the overall one, averaged with weights by client size. 0 when every client sees the
     * overall mix; approaching 1 − (largest category share) when each client holds one category.
     */
    public double labelSkew() {
        Map<String, Integer> overall = new LinkedHashMap<>();
        int total = 0;
        for (List<Example> c : clients) {
            for (Example e : c) {
                overall.merge(e.category(), 1, Integer::sum);
                total++;
            }
        }
        double skew = 0;
        for (int k = 0; k < clients.size(); k++) {
            int size = clients.get(k).size();
            if (size == 0) {
                continue;
            }
            Map<String, Integer> own = categoryCounts(k);
            double tv = 0;
            for (Map.Entry<String, Integer> e : overall.entrySet()) {
                tv += Math.abs(own.getOrDefault(e.getKey(), 0) / (double) size - e.getValue() / (double) total);
            }
            skew += (double) size / total * tv / 2;
        }
        return skew;
    }
}
