package io.edgellm.planner.precision;

import io.edgellm.planner.cost.TrainingSetup;
import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.profile.ModelShapes;
import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.split.InfeasiblePlanException;
import io.edgellm.planner.split.ScalableSplitPlanner;
import io.edgellm.planner.splitlearning.ConvergenceModel;
import io.edgellm.planner.splitlearning.SplitLearningChoice;
import io.edgellm.planner.splitlearning.SplitLearningConfigurator;
import io.edgellm.planner.topology.Topology;
import io.edgellm.planner.topology.TopologyYaml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

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
