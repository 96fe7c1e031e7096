package io.edgellm.planner.split;

import io.edgellm.planner.bench.RandomSplitInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitSearchTest {

    private static final int SEEDS = 150;

    @ParameterizedTest
    @EnumSource(Objective.class)
    void exactAndScalableSearchesMatchBruteForceOnEverySeed(Objective objective) {
        int feasible = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            PlacementProblem problem = RandomSplitInstances.problem(seed, objective, 5, 7);
            Optional<Chain> brute = new BruteForceSplitPlanner().search(problem);
            Optional<Chain> exact = new ExactSplitPlanner().search(problem);
            Optional<Chain> scalable = new ScalableSplitPlanner().search(problem);
            assertEquals(brute.isPresent(), exact.isPresent(), "feasibility, seed " + seed);
            assertEquals(brute.isPresent(), scalable.isPresent(), "feasibility, seed " + seed);
            if (brute.isEmpty()) {
                continue;
            }
            feasible++;
            double optimum = brute.get().value();
            assertClose(optimum, exact.get().value(), "exact, seed " + seed);
            assertClose(optimum, scalable.get().value(), "scalable, seed " + seed);
            assertTrue(scalable.get().lowerBound() <= optimum * (1 + 1e-9), "lower bound, seed " + seed);
            assertEquals(0, SplitPlanning.toPlan(problem, "dp", scalable.get()).provenGap(),
                    "every host fits among the candidates, so the answer is proven optimal; seed " + seed);
            // The searches' own accounting agrees with the independent evaluator.
            Plan plan = SplitPlanning.toPlan(problem, "exact", exact.get());
            assertTrue(plan.metrics().feasible(), plan.metrics().violations().toString());
            assertClose(optimum, plan.value(), "evaluated, seed " + seed);
        }
        assertTrue(feasible > SEEDS / 3, "too few feasible instances to mean anything: " + feasible);
    }

    @ParameterizedTest
    @EnumSource(Objective.class)
    void heuristicsAndBaselinesNeverBeatTheOptimumAndStayFeasible(Objective objective) {
        List<SplitPlanner> heuristics = List.of(new ScalableSplitPlanner(2), new BestSingleNode(), new EvenSplit(),
                new MemoryProportionalSplit(), new GreedySplit());
        for (long seed = 0; seed < SEEDS; seed++) {
            PlacementProblem problem = RandomSplitInstances.problem(seed, objective, 6, 6);
            Optional<Chain> brute = new BruteForceSplitPlanner().search(problem);
            for (SplitPlanner heuristic : heuristics) {
                Optional<Chain> found = heuristic.search(problem);
                if (brute.isEmpty()) {
                    assertFalse(found.isPresent(), heuristic.name() + " found a plan where none exists, seed " + seed);
                    continue;
                }
                if (found.isPresent()) {
                    Plan plan = SplitPlanning.toPlan(problem, heuristic.name(), found.get());
                    assertTrue(plan.metrics().feasible(), heuristic.name() + " seed " + seed);
                    assertClose(found.get().value(), plan.value(), heuristic.name() + " accounting, seed " + seed);
                    assertTrue(plan.value() >= brute.get().value() * (1 - 1e-9), heuristic.name() + " seed " + seed);
                    if (plan.provenGap() == 0) {
                        assertClose(brute.get().value(), plan.value(), heuristic.name() + " claims optimal, seed " + seed);
                    }
                }
            }
        }
    }

    @Test
    void scalableSearchWithTwoCandidatesIsOptimalOnMostSeeds() {
        int optimal = 0;
        int compared = 0;
        for (long seed = 0; seed < 200; seed++) {
            PlacementProblem problem = RandomSplitInstances.problem(seed, Objective.DECODE_LATENCY, 6, 7);
            Optional<Chain> brute = new BruteForceSplitPlanner().search(problem);
            Optional<Chain> limited = new ScalableSplitPlanner(2).search(problem);
            if (brute.isPresent() && limited.isPresent()) {
                compared++;
                if (limited.get().value() <= brute.get().value() * (1 + 1e-9)) {
                    optimal++;
                }
            }
        }
        assertTrue(compared > 50);
        assertTrue(optimal > compared / 2, optimal + " of " + compared);
    }

    private static void assertClose(double expected, double actual, String message) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-9 + 1e-15, message);
    }
}
