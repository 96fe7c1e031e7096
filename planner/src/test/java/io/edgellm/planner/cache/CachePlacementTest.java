package io.edgellm.planner.cache;

import io.edgellm.planner.bench.RandomCacheInstances;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachePlacementTest {

    private static final int SEEDS = 200;

    @Test
    void knapsackIsExactForOneServer() {
        for (long seed = 0; seed < SEEDS; seed++) {
            for (boolean precisions : new boolean[] {false, true}) {
                CacheProblem problem = RandomCacheInstances.problem(seed, 1, 4, precisions);
                double optimum = new BruteForceCaching().place(problem).hitRatio(problem);
                CachePlacement knapsack = SuccessiveKnapsackCaching.withUnitBytes(1).place(problem);
                assertTrue(knapsack.fits(problem), "seed " + seed);
                assertEquals(optimum, knapsack.hitRatio(problem), 1e-9, "seed " + seed + " precisions " + precisions);
            }
        }
    }

    @Test
    void everyPlacerStaysWithinBudgetsAndNeverBeatsTheOptimum() {
        List<CachePlacer> placers = List.of(new MarginalGainCaching(), SuccessiveKnapsackCaching.withUnitBytes(1),
                MarginalGainCaching.independent(), new TopPopularityCaching());
        double[] ratioSum = new double[placers.size()];
        int counted = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            CacheProblem problem = RandomCacheInstances.problem(seed, 3, 3, seed % 2 == 0);
            double optimum = new BruteForceCaching().place(problem).hitRatio(problem);
            if (optimum == 0) {
                continue;
            }
            counted++;
            for (int p = 0; p < placers.size(); p++) {
                CachePlacement placement = placers.get(p).place(problem);
                assertTrue(placement.fits(problem), placers.get(p).name() + " seed " + seed);
                double value = placement.hitRatio(problem);
                assertTrue(value <= optimum + 1e-9, placers.get(p).name() + " seed " + seed);
                ratioSum[p] += value / optimum;
            }
        }
        assertTrue(counted > SEEDS / 2);
        // TrimCaching's two algorithms come close to the optimum on average; the sharing-blind
        // baselines do not beat them.
        assertTrue(ratioSum[0] / counted > 0.95, "greedy mean ratio " + ratioSum[0] / counted);
        assertTrue(ratioSum[1] / counted > 0.95, "knapsack mean ratio " + ratioSum[1] / counted);
        assertTrue(ratioSum[0] >= ratioSum[2] && ratioSum[0] >= ratioSum[3]);
    }

    @Test
    void perModelHitRatiosAreEachModelsShareOfTheOverallOne() {
        for (long seed = 0; seed < 50; seed++) {
            CacheProblem problem = RandomCacheInstances.problem(seed, 3, 3, true);
            CachePlacement placement = new MarginalGainCaching().place(problem);
            double served = 0;
            for (int i = 0; i < problem.models(); i++) {
                double ratio = placement.hitRatio(problem, i);
                assertTrue(ratio >= 0 && ratio <= 1, "seed " + seed);
                // Recomputed user by user from the best quality each gets, independently of the placement's sums.
                double expected = 0;
                double demand = 0;
                for (int u = 0; u < problem.users(); u++) {
                    demand += problem.demand(u, i);
                    expected += problem.demand(u, i) * placement.bestQuality(problem, u, i);
                }
                assertEquals(demand == 0 ? 0 : expected / demand, ratio, 1e-12, "seed " + seed + " model " + i);
                served += problem.demand(i) * ratio;
            }
            assertEquals(placement.hitRatio(problem), served / problem.totalDemand(), 1e-12, "seed " + seed);
        }
        CacheProblem problem = RandomCacheInstances.problem(3, 3, 3, true);
        assertEquals(0, CachePlacement.empty(problem.servers()).hitRatio(problem, 0));
    }

    @Test
    void sharingABaseLetsOneServerServeSeveralFineTunes() {
        // One 10-byte base shared by three 1-byte adapters; the server holds 13 bytes.
        List<CacheProblem.Variant> variants = List.of(
                new CacheProblem.Variant(0, "f16", 1, new int[] {0, 1}, 11),
                new CacheProblem.Variant(1, "f16", 1, new int[] {0, 2}, 11),
                new CacheProblem.Variant(2, "f16", 1, new int[] {0, 3}, 11));
        double[][] demand = {{1, 1, 1}};
        CacheProblem problem = new CacheProblem(List.of("edge"), new double[] {13}, List.of("base", "a", "b", "c"),
                new double[] {10, 1, 1, 1}, List.of("m0", "m1", "m2"), variants, demand, new double[][] {{0}},
                new double[][] {{100}}, new double[] {1, 1, 1}, 0);
        assertEquals(1.0, new MarginalGainCaching().place(problem).hitRatio(problem), 1e-12);
        assertEquals(1.0, SuccessiveKnapsackCaching.withUnitBytes(1).place(problem).hitRatio(problem), 1e-12);
        assertEquals(1.0 / 3, MarginalGainCaching.independent().place(problem).hitRatio(problem), 1e-12);
        assertEquals(1.0 / 3, new TopPopularityCaching().place(problem).hitRatio(problem), 1e-12);
    }

    @Test
    void migrationMovesOnlyTheBlocksThatDiffer() {
        List<CacheProblem.Variant> variants = List.of(
                new CacheProblem.Variant(0, "f16", 1, new int[] {0, 1}, 11),
                new CacheProblem.Variant(1, "f16", 1, new int[] {0, 2}, 12));
        CacheProblem problem = new CacheProblem(List.of("edge"), new double[] {20}, List.of("base", "a", "b"),
                new double[] {10, 1, 2}, List.of("m0", "m1"), variants, new double[][] {{1, 1}},
                new double[][] {{0}}, new double[][] {{100}}, new double[] {1, 1}, 0);
        CachePlacement before = placement(0);
        CachePlacement after = placement(1);
        CacheMigration migration = CacheMigration.between(problem, before, after);
        assertEquals(List.of("b"), migration.changes().getFirst().fetch());
        assertEquals(List.of("a"), migration.changes().getFirst().drop());
        assertEquals(2, migration.fetchBytes(), 0);
        assertEquals(12, CacheMigration.fullReloadBytes(problem, after), 0);
        assertEquals(0, CacheMigration.between(problem, after, after).fetchBytes(), 0);
    }

    @Test
    void lruSimulationIsDeterministicAndServesEverythingWhenAllFits() {
        CacheProblem problem = RandomCacheInstances.problem(3, 2, 3, false);
        var first = LruCacheSimulation.run(problem, 2000, 7);
        var second = LruCacheSimulation.run(problem, 2000, 7);
        assertEquals(first.hitRatio(), second.hitRatio());
        assertTrue(first.finalPlacement().fits(problem));
        List<CacheProblem.Variant> variants = List.of(new CacheProblem.Variant(0, "f16", 1, new int[] {0}, 1));
        CacheProblem tiny = new CacheProblem(List.of("edge"), new double[] {5}, List.of("b"), new double[] {1},
                List.of("m"), variants, new double[][] {{1}}, new double[][] {{0}}, new double[][] {{100}},
                new double[] {1}, 0);
        // Only the very first request misses, and it falls in the warm-up.
        assertEquals(1.0, LruCacheSimulation.run(tiny, 100, 1).hitRatio(), 1e-12);
    }

    private static CachePlacement placement(int variant) {
        BitSet set = new BitSet();
        set.set(variant);
        return new CachePlacement(List.of(set));
    }
}
