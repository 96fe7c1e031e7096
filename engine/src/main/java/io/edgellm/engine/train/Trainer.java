package io.edgellm.engine.train;

import io.edgellm.engine.train.ops.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop: each {@link #step()} draws {@link Settings#accumulationSteps()} micro-batches,
 * accumulates the gradient of their mean loss, clips it by global norm, and takes one AdamW
 * update at the schedule's learning rate. A run is deterministic given the model, the settings
 * and the data source: dropout masks derive from the seed and the step, batches from the
 * source's position, so a run resumed from a {@linkplain #saveCheckpoint checkpoint} takes the
 * same steps as one that never stopped.
 *
 * <p>{@link #run} loops until a step count and can be stopped from another thread with
 * {@link #requestStop()} (e.g. a Ctrl-C hook): it returns after the step in progress, and the
 * caller can then save a checkpoint.
 */
public final class Trainer {

    /**
     * @param maxGradientNorm   global-norm clipping threshold; {@code Double.POSITIVE_INFINITY} for none
     * @param accumulationSteps micro-batches per optimizer step
     * @param labelSmoothing    the training loss's label smoothing, in [0, 1)
     * @param seed              seeds dropout; restored from checkpoints
     */
    public record Settings(LearningRateSchedule schedule, AdamW.Settings optimizer, double maxGradientNorm,
                           int accumulationSteps, float labelSmoothing, long seed) {

        public Settings {
            if (schedule == null || optimizer == null) {
                throw new IllegalArgumentException("a schedule and optimizer settings are required");
            }
            if (!(maxGradientNorm > 0)) {
                throw new IllegalArgumentException("maximum gradient norm must be positive (infinity for no clipping), got "
                        + maxGradientNorm);
            }
            if (accumulationSteps < 1) {
                throw new IllegalArgumentException("gradient accumulation needs at least one micro-batch per step, got "
                        + accumulationSteps);
            }
            if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
                throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
            }
        }

        /** AdamW defaults, clipping at norm 1, one micro-batch per step, no label smoothing, seed 0. */
        public static Settings defaults(LearningRateSchedule schedule) {
            return new Settings(schedule, AdamW.Settings.defaults(), 1.0, 1, 0f, 0);
        }

        public Settings withAccumulationSteps(int steps) {
            return new Settings(schedule, optimizer, maxGradientNorm, steps, labelSmoothing, seed);
        }

        public Settings withLabelSmoothing(float smoothing) {
            return new Settings(schedule, optimizer, maxGradientNorm, accumulationSteps, smoothing, seed);
        }

        public Settings withMaxGradientNorm(double norm) {
            return new Settings(schedule, optimizer, norm, accumulationSteps, labelSmoothing, seed);
        }

        public Settings withOptimizer(AdamW.Settings adam) {
            return new Settings(schedule, adam, maxGradientNorm, accumulationSteps, labelSmoothing, seed);
        }

        public Settings withSeed(long s) {
            return new Settings(schedule, optimizer, maxGradientNorm, accumulationSteps, labelSmoothing, s);
        }
    }

    /** How {@link #run} ended: the steps completed in all, whether a stop request ended it, and the last step. */
    public record RunResult(long completedSteps, boolean stopped, StepResult last) {
    }

    private final TrainableModel model;
    private final Settings settings;
    private final BatchSource data;
    private final AdamW optimizer;
    private long seed;
    private long step;
    private volatile boolean stopRequested;

    public Trainer(TrainableModel model, Settings settings, BatchSource data) {
        this.model = model;
        this.settings = settings;
        this.data = data;
        this.optimizer = new AdamW(model.trainableParameters(), settings.optimizer());
        this.seed = settings.seed();
    }

    public TrainableModel model() {
        return model;
    }

    public Settings settings() {
        return settings;
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /** Optimizer steps taken, including those before a restored checkpoint. */
    public long completedSteps() {
        return step;
    }

    /** The seed dropout masks derive from: the settings' seed, or a restored checkpoint's. */
    public long seed() {
        return seed;
    }

    /**
     * One optimizer step.
     *
     * @throws IllegalArgumentException when the step's micro-batches have no target at all
     */
    public StepResult step() {
        long start = System.nanoTime();
        List<Batch> batches = new ArrayList<>(settings.accumulationSteps());
        int targets = 0;
        long tokens = 0;
        for (int i = 0; i < settings.accumulationSteps(); i++) {
            Batch b = data.next();
            batches.add(b);
            targets += b.targetCount();
            tokens += b.rows();
        }
        if (targets == 0) {
            throw new IllegalArgumentException("step " + step + ": its " + batches.size()
                    + " micro-batches have no target positions (all ignored), nothing to learn from");
        }
        model.zeroGradients();
        double lossSum = 0;
        long flops = 0;
        for (int i = 0; i < batches.size(); i++) {
            long passSeed = Rng.mix(seed ^ Rng.mix(step * settings.accumulationSteps() + i));
            TrainableModel.PassResult r = model.accumulateGradients(batches.get(i), 1f / targets, settings.labelSmoothing(), passSeed);
            lossSum += r.lossSum();
            flops += r.flops();
        }
        List<Parameter> trainable = model.trainableParameters();
        // An infinite limit (no clipping) only measures the norm.
        double norm = GradientClipping.clip(trainable, settings.maxGradientNorm(), model.pool());
        double lr = settings.schedule().rate(step);
        optimizer.step(lr, model.pool());
        StepResult result = new StepResult(step, lossSum / targets, tokens, norm, lr, flops, (System.nanoTime() - start) / 1e9);
        step++;
        return result;
    }

    /**
     * Mean loss per target over {@code validation} (no dropout, no label smoothing).
     *
     * @throws IllegalArgumentException for an empty validation set or one without targets
     */
    public EvalResult evaluate(List<Batch> validation) {
        double sum = 0;
        long targets = 0;
        for (Batch b : validation) {
            TrainableModel.PassResult r = model.evaluate(b);
            sum += r.lossSum();
            targets += r.targets();
        }
        if (targets == 0) {
            throw new IllegalArgumentException("the validation set has no target positions");
        }
        return new EvalResult(sum / targets, targets);
    }

    /**
     * Steps until {@code totalSteps} are completed or {@link #requestStop()} is called, evaluating
     * {@code validation} every {@code evaluateEvery} steps (0 for never) and at the end.
     */
    public RunResult run(long totalSteps, List<Batch> validation, int evaluateEvery, TrainingListener listener) {
        StepResult last = null;
        while (step < totalSteps) {
            if (stopRequested) {
                stopRequested = false;
                return new RunResult(step, true, last);
            }
            last = step();
            listener.onStep(last);
            boolean end = step == totalSteps;
            if (!validation.isEmpty() && evaluateEvery > 0 && (step % evaluateEvery == 0 || end)) {
                listener.onEvaluation(step, evaluate(validation));
            }
        }
        return new RunResult(step, false, last);
    }

    /** Asks {@link #run} to return after the step in progress; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Writes the run's state to {@code path} atomically (a temporary file renamed into place). */
    public void saveCheckpoint(Path path) throws IOException {
        Checkpoint.save(path, model, optimizer, new Checkpoint.State(step, data.position(), seed));
    }

    /**
     * Restores parameters, optimizer moments, step, data position and seed from {@code path}.
     *
     * @throws CheckpointException when the checkpoint belongs to another model, method or base
     *                             (the message names the difference); nothing is changed then
     */
    public void loadCheckpoint(Path path) {
        Checkpoint.State state = Checkpoint.load(path, model, optimizer);
        optimizer.restoreStepCount(state.step());
        data.seek(state.dataPosition());
        step = state.step();
        seed = state.seed();
    }

    /** The memory this run holds now. */
    public MemoryReport memory() {
        return new MemoryReport(model.parameterBytes(), model.mappedWeightBytes(), model.gradientBytes(),
                optimizer.stateBytes(), model.activationBytes());
    }
}
