package io.edgellm.planner.split;

import io.edgellm.planner.bench.RandomSplitInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetedSearchTest {

    private static final int SEEDS = 120;

    @ParameterizedTest
    @CsvSource({"DECODE_LATENCY, ENERGY", "TTFT, ENERGY", "THROUGHPUT, ENERGY", "ENERGY, DECODE_LATENCY",
            "TRAIN_ROUND, TRAIN_ENERGY", "TRAIN_ENERGY, TRAIN_ROUND"})
    void budgetedSearchMatchesBruteForceOnEverySeed(Objective objective, Objective metric) {
        int binding = 0;
        int infeasible = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Optional<BudgetedProblem> instance = RandomSplitInstances.budgeted(seed, objective, metric, 5, 7);
            if (instance.isEmpty()) {
                continue;
            }
            BudgetedProblem problem = instance.get();
            Optional<Chain> brute = new BruteForceSplitPlanner().search(problem);
            Optional<Chain> found = new BudgetedSplitPlanner().search(problem);
            assertEquals(brute.isPresent(), found.isPresent(), "feasibility, seed " + seed);
            if (brute.isEmpty()) {
                infeasible++;
                var e = assertThrows(InfeasiblePlanException.class,
                        () -> SplitPlanning.plan(problem, new BudgetedSplitPlanner()));
                assertTrue(e.getMessage().startsWith("budget: no plan keeps " + metric.figure() + " within "),
                        e.getMessage());
                double least = new BruteForceSplitPlanner().search(problem.budgeted()).orElseThrow().value();
                assertTrue(e.getMessage().endsWith("the least any plan needs is " + metric.format(least)),
                        e.getMessage());
                continue;
            }
            Plan plan = SplitPlanning.toPlan(problem.primary(), "dp", found.get());
            assertClose(brute.get().value(), plan.value(), "value, seed " + seed);
            assertClose(found.get().value(), plan.value(), "accounting, seed " + seed);
            assertTrue(plan.metrics().feasible(), plan.metrics().violations().toString());
            assertTrue(problem.budget().admits(problem.budget().of(plan.metrics())), "within budget, seed " + seed);
            assertEquals(0, plan.provenGap(), "a small instance is searched exhaustively, seed " + seed);
            Chain unbudgeted = new BruteForceSplitPlanner().search(problem.primary()).orElseThrow();
            if (brute.get().value() > unbudgeted.value() * (1 + 1e-9)) {
                binding++;
            }
        }
        assertTrue(binding >= 8, "too few instances where the budget changes the plan: " + binding);
        assertTrue(infeasible > 0, "no infeasible budget was tried");
    }

    @ParameterizedTest
    @CsvSource({"DECODE_LATENCY, ENERGY", "THROUGHPUT, ENERGY", "ENERGY, DECODE_LATENCY", "TRAIN_ROUND, TRAIN_ENERGY"})
    void twoCandidatesStayWithinTheBudgetAndTheirBoundsHold(Objective objective, Objective metric) {
        int optimal = 0;
        int compared = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Optional<BudgetedProblem> instance = RandomSplitInstances.budgeted(seed, objective, metric, 6, 6);
            if (instance.isEmpty()) {
                continue;
            }
            BudgetedProblem problem = instance.get();
            Optional<Chain> brute = new BruteForceSplitPlanner().search(problem);
            Optional<Chain> found = new BudgetedSplitPlanner(2).search(problem);
            if (brute.isEmpty()) {
                assertTrue(found.isEmpty(), "found a plan where none exists, seed " + seed);
                continue;
            }
            if (found.isEmpty()) {
                continue;
            }
            compared++;
            Plan plan = SplitPlanning.toPlan(problem.primary(), "dp", found.get());
            double optimum = brute.get().value();
            assertTrue(plan.metrics().feasible() && problem.budget().admits(problem.budget().of(plan.metrics())),
                    "seed " + seed);
            assertTrue(plan.value() >= optimum * (1 - 1e-9), "beats brute force, seed " + seed);
            assertTrue(plan.lowerBound() <= optimum * (1 + 1e-9), "lower bound above the optimum, seed " + seed);
            if (plan.provenGap() == 0) {
                assertClose(optimum, plan.value(), "claimed optimal, seed " + seed);
            }
            if (plan.value() <= optimum * (1 + 1e-9)) {
                optimal++;
            }
        }
        assertTrue(compared > SEEDS / 3, "compared only " + compared);
        assertTrue(optimal > compared / 2, optimal + " of " + compared);
    }

    @Test
    void budgetsMustBeOnAnotherAdditiveFigureOfTheSameKind() {
        PlacementProblem latency = RandomSplitInstances.problem(1, Objective.DECODE_LATENCY, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> new Budget(Objective.THROUGHPUT, 1));
        assertThrows(IllegalArgumentException.class, () -> new Budget(Objective.ENERGY, 0));
        assertThrows(IllegalArgumentException.class, () -> new Budget(Objective.ENERGY, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new BudgetedProblem(latency, new Budget(Objective.DECODE_LATENCY, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new BudgetedProblem(latency, new Budget(Objective.TRAIN_ENERGY, 1)));
    }

    private static void assertClose(double expected, double actual, String message) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-9 + 1e-15, message);
    }
}
