package io.edgellm.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientPartitionTest {

    private static final List<Example> EXAMPLES = new TriageTask().generate(3, 4000);

    @Test
    void everyExampleGoesToExactlyOneClient() {
        ClientPartition p = ClientPartition.dirichlet(EXAMPLES, 10, 0.3, 1);
        assertEquals(10, p.clients().size());
        List<Example> dealt = new ArrayList<>();
        p.clients().forEach(dealt::addAll);
        Comparator<Example> byPrompt = Comparator.comparing(Example::prompt);
        assertEquals(EXAMPLES.stream().sorted(byPrompt).toList(), dealt.stream().sorted(byPrompt).toList());
        assertEquals(p, ClientPartition.dirichlet(EXAMPLES, 10, 0.3, 1), "deterministic for a seed");
    }

    @Test
    void skewGrowsAsAlphaShrinks() {
        double previous = -1;
        for (double alpha : new double[] {Double.POSITIVE_INFINITY, 100, 1, 0.1, 0.01}) {
            double skew = ClientPartition.dirichlet(EXAMPLES, 10, alpha, 7).labelSkew();
            assertTrue(skew > previous, "α=" + alpha + " skew " + skew + " after " + previous);
            previous = skew;
        }
        assertTrue(ClientPartition.dirichlet(EXAMPLES, 10, Double.POSITIVE_INFINITY, 7).labelSkew() < 0.01, "α=∞ is IID");
        assertTrue(previous > 0.5, "α=0.01 nearly one category per client: " + previous);
    }

    @Test
    void iidGivesEveryClientTheSameShareOfEveryCategory() {
        ClientPartition p = ClientPartition.dirichlet(EXAMPLES, 8, Double.POSITIVE_INFINITY, 2);
        for (String category : new TriageTask().categories()) {
            long total = EXAMPLES.stream().filter(e -> category.equals(e.category())).count();
            for (int k = 0; k < 8; k++) {
                int n = p.categoryCounts(k).getOrDefault(category, 0);
                assertTrue(Math.abs(n - total / 8.0) < 1, category + " on client " + k + ": " + n + " of " + total);
            }
        }
    }

    @Test
    void labelSkewOfExtremeSplits() {
        Example a = new Example("p1", "c", "A");
        Example b = new Example("p2", "c", "B");
        assertEquals(0.0, new ClientPartition(List.of(List.of(a, b), List.of(a, b))).labelSkew(), 1e-12);
        assertEquals(0.5, new ClientPartition(List.of(List.of(a, a), List.of(b, b))).labelSkew(), 1e-12);
    }

    @Test
    void dirichletDrawsHaveTheRightMoments() {
        for (double alpha : new double[] {0.5, 3}) {
            Random r = new Random(5);
            int k = 4;
            int draws = 20_000;
            double sum = 0;
            double sumSquares = 0;
            for (int i = 0; i < draws; i++) {
                double[] p = Dirichlet.sample(r, alpha, k);
                assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-9);
                sum += p[0];
                sumSquares += p[0] * p[0];
            }
            double mean = sum / draws;
            double variance = sumSquares / draws - mean * mean;
            double expectedVariance = (1.0 / k) * (1 - 1.0 / k) / (k * alpha + 1);
            assertEquals(0.25, mean, 0.01, "α=" + alpha);
            assertEquals(expectedVariance, variance, expectedVariance * 0.06, "α=" + alpha);
        }
        double[] tiny = Dirichlet.sample(new Random(1), 0.001, 5);
        assertEquals(1.0, tiny[0] + tiny[1] + tiny[2] + tiny[3] + tiny[4], 1e-9, "no 0/0 for tiny α");
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> ClientPartition.dirichlet(EXAMPLES, 4, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ClientPartition.dirichlet(EXAMPLES, 0, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientPartition.dirichlet(List.of(new Example("p", "c", null)), 2, 1, 1));
        assertTrue(e.getMessage().contains("without a category"));
    }
}
