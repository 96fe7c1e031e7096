package io.edgellm.planner.precision;

import io.edgellm.planner.cost.CostModel;
import io.edgellm.planner.cost.TrainingSetup;
import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.profile.ModelShape;
import io.edgellm.planner.profile.ModelShapes;
import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.split.BruteForceSplitPlanner;
import io.edgellm.planner.split.Budget;
import io.edgellm.planner.split.BudgetedProblem;
import io.edgellm.planner.split.InfeasiblePlanException;
import io.edgellm.planner.split.Objective;
import io.edgellm.planner.split.PlacementProblem;
import io.edgellm.planner.split.SplitPlanning;
import io.edgellm.planner.split.ScalableSplitPlanner;
import io.edgellm.planner.splitlearning.ConvergenceModel;
import io.edgellm.planner.splitlearning.SplitLearningChoice;
import io.edgellm.planner.splitlearning.SplitLearningConfigurator;
import io.edgellm.planner.topology.Topology;
import io.edgellm.planner.topology.TopologyYaml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrecisionAndSplitLearningTest {

    private static final Topology CAMPUS = TopologyYaml.read(Path.of("..", "examples", "topologies", "campus.yaml"));
    private static final ModelProfile LLAMA_7B = new ModelProfile(ModelShapes.preset("llama-7b").orElseThrow());

    private static PrecisionChoice choose(double limit, double floor) {
        return new PrecisionChooser(new ScalableSplitPlanner(), AccuracyTable.defaults()).choose(CAMPUS, LLAMA_7B,
                Workload.defaults(Precision.F16), 0, 100, limit, floor);
    }

    @Test
    void looseLimitsGetTheMostAccuratePrecisionAndTightOnesTradeAccuracyForSpeed() {
        PrecisionChoice loose = choose(100, 0.9);
        assertEquals(Precision.F32, loose.precision());
        double limit = loose.requestSeconds() * 0.999;
        PrecisionChoice tight = choose(limit, 0.9);
        assertTrue(tight.accuracy() < loose.accuracy(), tight.precision().toString());
        assertTrue(tight.requestSeconds() <= limit);
    }

    @Test
    void infeasibleRequestsNameTheConstraint() {
        var latency = assertThrows(InfeasiblePlanException.class, () -> choose(1e-6, 0.9));
        assertTrue(latency.getMessage().startsWith("latency limit:"), latency.getMessage());
        var accuracy = assertThrows(InfeasiblePlanException.class, () -> choose(100, 1.5));
        assertTrue(accuracy.getMessage().startsWith("accuracy floor:"), accuracy.getMessage());
    }

    /** An 8-block model, so brute force can check every placement on the campus. */
    private static final ModelProfile SMALL = new ModelProfile(new ModelShape("llama", 8, 2048, 16, 4, 128, 5632,
            32000, false, 2048));

    @Test
    void energyBudgetsPickWhatBruteForcePicks() {
        int phone = CAMPUS.requireIndex("phone-alice");
        Workload workload = Workload.defaults(Precision.F16);
        int outputTokens = 50;
        List<Precision> byAccuracy = List.of(Precision.F32, Precision.F16, Precision.Q8_0, Precision.Q4_K,
                Precision.Q4_0);
        int budgetsThatMatter = 0;
        for (double joules : new double[] {0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5}) {
            // Brute force: the fastest request of each precision over every placement within the budget.
            double[] bruteSeconds = new double[byAccuracy.size()];
            for (int i = 0; i < bruteSeconds.length; i++) {
                PlacementProblem problem = new PlacementProblem(CAMPUS, new CostModel(SMALL,
                        workload.withPrecision(byAccuracy.get(i))), Objective.DECODE_LATENCY, phone, false);
                var chain = new BruteForceSplitPlanner().search(new BudgetedProblem(problem,
                        new Budget(Objective.ENERGY, joules)));
                var m = chain.map(c -> SplitPlanning.toPlan(problem, "brute", c).metrics());
                bruteSeconds[i] = m.map(x -> x.ttftSeconds() + (outputTokens - 1) * x.decodeSecondsPerToken())
                        .orElse(Double.POSITIVE_INFINITY);
            }
            for (double limit : new double[] {0.5, 1, 2, 5}) {
                Precision expected = null;
                double expectedSeconds = Double.NaN;
                for (int i = 0; i < bruteSeconds.length && expected == null; i++) {
                    if (bruteSeconds[i] <= limit) {
                        expected = byAccuracy.get(i);
                        expectedSeconds = bruteSeconds[i];
                    }
                }
                PrecisionChooser chooser = new PrecisionChooser(new ScalableSplitPlanner(), AccuracyTable.defaults())
                        .withEnergyBudget(joules);
                if (expected == null) {
                    assertThrows(InfeasiblePlanException.class, () -> chooser.choose(CAMPUS, SMALL, workload, phone,
                            outputTokens, limit, 0.9));
                    continue;
                }
                PrecisionChoice choice = chooser.choose(CAMPUS, SMALL, workload, phone, outputTokens, limit, 0.9);
                assertEquals(expected, choice.precision(), joules + " J/token, " + limit + " s");
                assertEquals(expectedSeconds, choice.requestSeconds(), expectedSeconds * 1e-9);
                assertTrue(choice.plan().metrics().joulesPerToken() <= joules * (1 + 1e-9));
                PrecisionChoice unbudgeted = new PrecisionChooser(new ScalableSplitPlanner(), AccuracyTable.defaults())
                        .choose(CAMPUS, SMALL, workload, phone, outputTokens, limit, 0.9);
                if (unbudgeted.precision() != expected
                        || Math.abs(unbudgeted.requestSeconds() - expectedSeconds) > expectedSeconds * 1e-9) {
                    budgetsThatMatter++;
                }
            }
        }
        assertTrue(budgetsThatMatter >= 3, "the budgets never changed the choice: " + budgetsThatMatter);
        PrecisionChooser starved = new PrecisionChooser(new ScalableSplitPlanner(), AccuracyTable.defaults())
                .withEnergyBudget(1e-6);
        var tooTight = assertThrows(InfeasiblePlanException.class,
                () -> starved.choose(CAMPUS, SMALL, workload, phone, outputTokens, 100, 0.9));
        assertTrue(tooTight.getMessage().startsWith("no precision meeting the accuracy floor can be placed within the "
                + "energy budget: f32 (budget: no plan keeps energy per token within"), tooTight.getMessage());
    }

    @Test
    void splitLearningChoiceIsTheGridOptimumAndRespectsDeviceMemory() {
        int phone = CAMPUS.requireIndex("phone-alice");
        int server = CAMPUS.requireIndex("edge-datacentre");
        SplitLearningConfigurator configurator = new SplitLearningConfigurator(CAMPUS, LLAMA_7B, Precision.F16,
                TrainingSetup.loraDefault(), ConvergenceModel.defaults());
        SplitLearningChoice best = configurator.choose(phone, server);
        assertTrue(best.deviceMemoryBytes() <= CAMPUS.node(phone).memoryBytes());
        for (int cut = 1; cut < 32; cut += 5) {
            for (double freezing : SplitLearningConfigurator.FREEZING_RATIOS) {
                for (int rank : SplitLearningConfigurator.RANKS) {
                    for (int interval : SplitLearningConfigurator.INTERVALS) {
                        var c = configurator.evaluate(phone, server,
                                new io.edgellm.planner.splitlearning.SplitLearningSetup(cut, freezing, rank, interval));
                        if (c.deviceMemoryBytes() <= CAMPUS.node(phone).memoryBytes()) {
                            assertTrue(c.totalSeconds() >= best.totalSeconds() * (1 - 1e-12));
                        }
                    }
                }
            }
        }
        // A phone is slow next to an A100, so it keeps few blocks.
        assertTrue(best.setup().cutBlocks() <= 4, best.toString());
    }

    @Test
    void slowerUplinksAggregateLessOften() {
        int phone = CAMPUS.requireIndex("phone-dave");
        int server = CAMPUS.requireIndex("edge-lab");
        ConvergenceModel noFreezingPenalty = new ConvergenceModel(1000, 4, 5, 0.001);
        SplitLearningChoice choice = new SplitLearningConfigurator(CAMPUS, LLAMA_7B, Precision.F16,
                TrainingSetup.loraDefault(), noFreezingPenalty).choose(phone, server);
        assertTrue(choice.setup().aggregationInterval() > 1, choice.toString());
    }
}
