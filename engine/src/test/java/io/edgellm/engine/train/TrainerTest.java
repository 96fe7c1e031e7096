package io.edgellm.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.TestPool;
import io.edgellm.engine.train.ops.Activation;
import io.edgellm.engine.train.ops.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop: accumulation, determinism, learning, evaluation, stopping, data sources. */
class TrainerTest {

    static final ComputePool pool = TestPool.POOL;

    /** A corpus that repeats a short pattern with a little noise: easy to learn, not trivial. */
    static int[] corpus(int vocab, int size, long seed) {
        Rng rng = new Rng(seed);
        int[] pattern = {1, 5, 2, 7, 3, 9, 4, 11};
        int[] c = new int[size];
        for (int i = 0; i < size; i++) {
            c[i] = rng.nextDouble() < 0.05 ? rng.nextInt(vocab) : pattern[i % pattern.length];
        }
        return c;
    }

    static Trainer trainer(TrainingMethod method, Trainer.Settings settings, BatchSource data) {
        return new Trainer(TrainableModel.initialize(TinyModels.llama(), null, method, 3, pool), settings, data);
    }

    static Trainer.Settings settings(double lr) {
        return Trainer.Settings.defaults(new WarmupCosine(lr, lr / 10, 3, 40)).withSeed(17);
    }

    @Test
    void gradientAccumulationEqualsOneBigBatch() {
        ModelConfig c = TinyModels.llama();
        Batch first = TinyModels.batch(2, 6, c.vocabSize(), 1);
        Batch second = TinyModels.batch(1, 6, c.vocabSize(), 2);
        int[] tokens = new int[18];
        int[] targets = new int[18];
        System.arraycopy(first.tokens(), 0, tokens, 0, 12);
        System.arraycopy(second.tokens(), 0, tokens, 12, 6);
        System.arraycopy(first.targets(), 0, targets, 0, 12);
        System.arraycopy(second.targets(), 0, targets, 12, 6);
        Batch together = new Batch(3, 6, tokens, targets);
        int total = together.targetCount();

        TrainableModel accumulated = TrainableModel.initialize(c, null, FullTraining.all(), 3, pool);
        TinyModels.randomize(accumulated, 4);
        accumulated.accumulateGradients(first, 1f / total, 0.1f, 0);
        accumulated.accumulateGradients(second, 1f / total, 0.1f, 0);
        TrainableModel once = TrainableModel.initialize(c, null, FullTraining.all(), 3, pool);
        TinyModels.randomize(once, 4);
        once.accumulateGradients(together, 1f / total, 0.1f, 0);
        for (int p = 0; p < once.trainableParameters().size(); p++) {
            float[] a = accumulated.trainableParameters().get(p).gradient();
            float[] b = once.trainableParameters().get(p).gradient();
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-6 + 1e-5 * Math.abs(b[i]), once.trainableParameters().get(p).name() + " " + i);
            }
        }
    }

    @Test
    void accumulationStepsSplitTheSameDataIntoMicroBatches() {
        int vocab = TinyModels.llama().vocabSize();
        int[] data = corpus(vocab, 500, 1);
        // Same windows either way: four sequences per step, in one or two micro-batches.
        List<Batch> big = new ArrayList<>();
        List<Batch> small = new ArrayList<>();
        RandomWindows source = new RandomWindows(data, 4, 8, 5);
        for (int i = 0; i < 3; i++) {
            Batch b = source.next();
            big.add(b);
            small.add(new Batch(2, 8, java.util.Arrays.copyOfRange(b.tokens(), 0, 16), java.util.Arrays.copyOfRange(b.targets(), 0, 16)));
            small.add(new Batch(2, 8, java.util.Arrays.copyOfRange(b.tokens(), 16, 32), java.util.Arrays.copyOfRange(b.targets(), 16, 32)));
        }
        Trainer one = trainer(FullTraining.all(), settings(1e-2), new FixedBatches(big));
        Trainer two = trainer(FullTraining.all(), settings(1e-2).withAccumulationSteps(2), new FixedBatches(small));
        for (int s = 0; s < 3; s++) {
            StepResult a = one.step();
            StepResult b = two.step();
            assertEquals(a.loss(), b.loss(), 1e-5 * a.loss(), "step " + s);
            assertEquals(a.tokens(), b.tokens());
        }
    }

    @Test
    void runsAreDeterministicGivenTheSeedEvenWithDropout() {
        int vocab = TinyModels.llama().vocabSize();
        TrainingMethod lora = LoraConfig.of(4, 8, "q", "v", "down").withDropout(0.2f);
        double[][] losses = new double[3][];
        for (int r = 0; r < 3; r++) {
            Trainer t = trainer(lora, settings(1e-2).withSeed(r < 2 ? 17 : 18), new RandomWindows(corpus(vocab, 400, 2), 2, 8, 9));
            losses[r] = new double[6];
            for (int s = 0; s < 6; s++) {
                losses[r][s] = t.step().loss();
            }
        }
        assertArrayEquals(losses[0], losses[1]);
        assertFalse(java.util.Arrays.equals(losses[0], losses[2]), "another seed gives other dropout masks");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int vocab = TinyModels.llama().vocabSize();
        double[][] losses = new double[2][5];
        int[] threads = {1, 7};
        for (int r = 0; r < 2; r++) {
            try (ComputePool p = new ComputePool(threads[r])) {
                TrainableModel model = TrainableModel.initialize(TinyModels.llama(), null, FullTraining.all(), 3, p);
                Trainer t = new Trainer(model, settings(1e-2), new RandomWindows(corpus(vocab, 400, 6), 3, 10, 2));
                for (int s = 0; s < 5; s++) {
                    losses[r][s] = t.step().loss();
                }
            }
        }
        assertArrayEquals(losses[0], losses[1]);
    }

    @Test
    void trainingLowersTheLossAndEvaluationReportsPerplexity() {
        int vocab = TinyModels.llama().vocabSize();
        int[] data = corpus(vocab, 2000, 3);
        Trainer t = trainer(FullTraining.all(), settings(3e-2), new RandomWindows(data, 4, 12, 1));
        List<Batch> validation = List.of(new RandomWindows(corpus(vocab, 500, 4), 4, 12, 2).next());
        double before = t.evaluate(validation).loss();
        List<StepResult> steps = new ArrayList<>();
        List<EvalResult> evals = new ArrayList<>();
        Trainer.RunResult run = t.run(40, validation, 20, new TrainingListener() {
            @Override
            public void onStep(StepResult r) {
                steps.add(r);
            }

            @Override
            public void onEvaluation(long step, EvalResult r) {
                evals.add(r);
            }
        });
        assertEquals(40, run.completedSteps());
        assertFalse(run.stopped());
        assertEquals(2, evals.size());
        EvalResult after = evals.get(1);
        assertTrue(after.loss() < 0.5 * before, "validation loss " + before + " -> " + after.loss());
        assertEquals(Math.exp(after.loss()), after.perplexity(), 1e-9);
        assertEquals(after.loss(), t.evaluate(validation).loss(), 1e-12);
        assertEquals(40, steps.size());
        StepResult last = steps.get(39);
        assertEquals(39, last.step());
        assertEquals(48, last.tokens());
        assertEquals(new WarmupCosine(3e-2, 3e-3, 3, 40).rate(39), last.learningRate(), 1e-15);
        assertTrue(last.flops() > 0 && last.gradientNorm() > 0 && last.seconds() > 0);
    }

    @Test
    void stopRequestsEndTheRunAfterTheCurrentStep() {
        Trainer t = trainer(FullTraining.all(), settings(1e-2), new RandomWindows(corpus(13, 300, 5), 1, 8, 1));
        Trainer.RunResult run = t.run(100, List.of(), 0, r -> {
            if (r.step() == 2) {
                t.requestStop();
            }
        });
        assertTrue(run.stopped());
        assertEquals(3, run.completedSteps());
        assertEquals(2, run.last().step());
        assertEquals(5, t.run(5, List.of(), 0, r -> { }).completedSteps(), "a later run continues");
    }

    @Test
    void stepsWithoutTargetsAndEmptyValidationAreRejected() {
        int[] tokens = {1, 2, 3};
        int[] none = {Batch.IGNORE, Batch.IGNORE, Batch.IGNORE};
        Trainer t = trainer(FullTraining.all(), settings(1e-2), new FixedBatches(List.of(new Batch(1, 3, tokens, none))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::step);
        assertTrue(e.getMessage().contains("no target positions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.evaluate(List.of()));
        e = assertThrows(IllegalArgumentException.class, () -> new Batch(0, 5, new int[0], new int[0]));
        assertTrue(e.getMessage().startsWith("empty batch"), e.getMessage());
    }

    @Test
    void methodsTrainOnlyTheirParameters() {
        ModelConfig c = TinyModels.llama();
        // Per block: q's A (3x16) and B (16x3), k's A (3x16) and B (8x3).
        assertEquals(2 * ((3 * 16 + 16 * 3) + (3 * 16 + 8 * 3)),
                TrainableModel.initialize(c, null, LoraConfig.of(3, 3, "q", "k"), 1, pool).trainableParameterCount());
        assertEquals(2 * (5 * 16 + 5 + 16 * 5 + 16),
                TrainableModel.initialize(c, null, new AdapterConfig(5, Activation.SILU), 1, pool).trainableParameterCount());
        assertEquals(4 * 16, TrainableModel.initialize(c, null, new PromptTuningConfig(4), 1, pool).trainableParameterCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainableModel.initialize(c, null, new FullTraining(1), 1, pool));
        assertTrue(e.getMessage().contains("nothing to train"), e.getMessage());
    }

    @Test
    void freezingRatioAndTargetModuleErrorsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FullTraining(1.5));
        assertEquals("freezing ratio must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LoraConfig.of(8, 16, "q").withFreezingRatio(-0.1));
        assertEquals("freezing ratio must be in [0, 1], got -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LoraConfig.of(8, 16, "q", "qkv"));
        assertTrue(e.getMessage().startsWith("unknown target module 'qkv' (known: q, k, v, o, gate, up, down"), e.getMessage());
        assertEquals(TargetModule.V, TargetModule.parse("v_proj"));
        assertEquals(TargetModule.DOWN, TargetModule.parse("ffn_down"));
    }

    @Test
    void exampleBatchesMaskPromptsAndPadding() {
        List<ExampleBatches.TokenizedExample> examples = List.of(
                new ExampleBatches.TokenizedExample(new int[] {1, 2, 3}, new int[] {4, 5}),
                new ExampleBatches.TokenizedExample(new int[] {6}, new int[] {7, 8, 9, 10, 11, 12}));
        ExampleBatches source = new ExampleBatches(examples, 2, 6, 0, 4);
        Batch b = source.next();
        for (int s = 0; s < 2; s++) {
            int[] tokens = java.util.Arrays.copyOfRange(b.tokens(), s * 6, s * 6 + 6);
            int[] targets = java.util.Arrays.copyOfRange(b.targets(), s * 6, s * 6 + 6);
            if (tokens[0] == 1) {
                assertArrayEquals(new int[] {1, 2, 3, 4, 0, 0}, tokens);
                assertArrayEquals(new int[] {-1, -1, 4, 5, -1, -1}, targets);
            } else {
                assertArrayEquals(new int[] {6, 7, 8, 9, 10, 11}, tokens);
                assertArrayEquals(new int[] {7, 8, 9, 10, 11, 12}, targets);
            }
        }
        ExampleBatches again = new ExampleBatches(examples, 2, 6, 0, 4);
        again.seek(3);
        source.next();
        source.next();
        assertArrayEquals(source.next().tokens(), again.next().tokens());
    }
}
