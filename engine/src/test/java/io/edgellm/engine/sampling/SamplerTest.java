package io.edgellm.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final int[] NONE = new int[0];

    /** Plain reference of the filter chain: returns the exact probability of every token. */
    static double[] referenceDistribution(float[] logits, SamplingParams p, int[] recent) {
        int v = logits.length;
        double[] z = new double[v];
        for (int i = 0; i < v; i++) {
            z[i] = logits[i];
        }
        if (p.repetitionPenalty() != 1f) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = Math.max(0, recent.length - p.repetitionWindow()); i < recent.length; i++) {
                if (seen.add(recent[i])) {
                    double x = z[recent[i]];
                    z[recent[i]] = x > 0 ? (float) (x / p.repetitionPenalty()) : (float) (x * p.repetitionPenalty());
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < v; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -z[i]).thenComparingInt(i -> i));
        int n = p.topK() == 0 ? v : Math.min(v, p.topK());
        double[] probs = softmax(z, order, n, 1.0);
        if (p.topP() < 1f) {
            double mass = 0;
            int keep = n;
            for (int i = 0; i < n; i++) {
                mass += probs[i];
                if (mass >= p.topP()) {
                    keep = i + 1;
                    break;
                }
            }
            n = keep;
        }
        if (p.minP() > 0f) {
            int keep = 1;
            while (keep < n && probs[keep] >= probs[0] * p.minP()) {
                keep++;
            }
            n = keep;
        }
        double[] finalP = softmax(z, order, n, p.temperature());
        double[] byToken = new double[v];
        for (int i = 0; i < n; i++) {
            byToken[order.get(i)] = finalP[i];
        }
        return byToken;
    }

    private static double[] softmax(double[] z, List<Integer> order, int n, double t) {
        double[] out = new double[n];
        double max = z[order.get(0)];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp((z[order.get(i)] - max) / t);
            sum += out[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static float[] randomLogits(Random rnd, int v) {
        float[] l = new float[v];
        for (int i = 0; i < v; i++) {
            l[i] = (float) (rnd.nextGaussian() * 2);
        }
        return l;
    }

    @Test
    void greedyIsArgmaxAfterPenalty() {
        float[] logits = {0.1f, 3f, 2.9f, -1f};
        Sampler s = new Sampler(SamplingParams.GREEDY);
        assertEquals(1, s.sample(logits, 0, 4, NONE, 0));
        SamplingParams penalised = new SamplingParams(0f, 0, 1f, 0f, 1.5f, 64, 0);
        assertEquals(2, new Sampler(penalised).sample(logits, 0, 4, new int[] {1}, 1));
        // The offset selects one row of a logits matrix.
        float[] rows = {9f, 0f, 0f, 0f, /* row 1 */ 0f, 0f, 0f, 5f};
        assertEquals(3, s.sample(rows, 4, 4, NONE, 0));
    }

    @Test
    void sampledFrequenciesMatchTheReferenceDistribution() {
        Random rnd = new Random(7);
        SamplingParams[] configs = {
            new SamplingParams(1f, 0, 1f, 0f, 1f, 64, 1),
            new SamplingParams(0.7f, 5, 1f, 0f, 1f, 64, 2),
            new SamplingParams(1.3f, 0, 0.8f, 0f, 1f, 64, 3),
            new SamplingParams(1f, 0, 1f, 0.2f, 1f, 64, 4),
            SamplingParams.defaults(5),
            new SamplingParams(1f, 8, 0.9f, 0.05f, 1.3f, 4, 6),
        };
        for (SamplingParams p : configs) {
            float[] logits = randomLogits(rnd, 12);
            int[] recent = {3, 4, 3, 9, 0};
            double[] expected = referenceDistribution(logits, p, recent);
            Sampler sampler = new Sampler(p);
            int draws = 40_000;
            int[] counts = new int[logits.length];
            for (int i = 0; i < draws; i++) {
                counts[sampler.sample(logits, 0, logits.length, recent, recent.length)]++;
            }
            for (int t = 0; t < logits.length; t++) {
                if (expected[t] == 0) {
                    assertEquals(0, counts[t], "filtered token " + t + " was drawn under " + p);
                } else {
                    double sd = Math.sqrt(draws * expected[t] * (1 - expected[t]));
                    assertEquals(draws * expected[t], counts[t], 5 * sd + 1, "token " + t + " under " + p);
                }
            }
        }
    }

    @Test
    void sameSeedSameTokensDifferentSeedDifferentTokens() {
        float[] logits = randomLogits(new Random(1), 50);
        SamplingParams p = new SamplingParams(1.5f, 0, 1f, 0f, 1f, 64, 99);
        int[] a = draw(new Sampler(p), logits, 200);
        assertTrue(Arrays.equals(a, draw(new Sampler(p), logits, 200)));
        assertTrue(!Arrays.equals(a, draw(new Sampler(p.withSeed(100)), logits, 200)));
    }

    private static int[] draw(Sampler s, float[] logits, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.sample(logits, 0, logits.length, NONE, 0);
        }
        return out;
    }

    @Test
    void topKOfOneIsGreedy() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            float[] logits = randomLogits(rnd, 1000);
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            Sampler s = new Sampler(new SamplingParams(2f, 1, 1f, 0f, 1f, 64, trial));
            assertEquals(best, s.sample(logits, 0, logits.length, NONE, 0));
        }
    }

    @Test
    void topKKeepsExactlyTheKBestOnLargeVocabularies() {
        Random rnd = new Random(11);
        float[] logits = randomLogits(rnd, 32_000);
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        java.util.Set<Integer> top = new java.util.HashSet<>(Arrays.asList(order).subList(0, 3));
        Sampler s = new Sampler(new SamplingParams(50f, 3, 1f, 0f, 1f, 64, 1));
        java.util.Set<Integer> drawn = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) {
            drawn.add(s.sample(logits, 0, logits.length, NONE, 0));
        }
        assertEquals(top, drawn);
    }

    @Test
    void invalidParametersAreRejectedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplingParams(-1f, 0, 1f, 0f, 1f, 64, 0))
                .getMessage().contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, -2, 1f, 0f, 1f, 64, 0))
                .getMessage().contains("top-k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, 0, 0f, 0f, 1f, 64, 0))
                .getMessage().contains("top-p"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, 0, 1f, 2f, 1f, 64, 0))
                .getMessage().contains("min-p"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, 0, 1f, 0f, 0f, 64, 0))
                .getMessage().contains("repetition penalty"));
    }
}
