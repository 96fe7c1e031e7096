package io.edgellm.engine.family;

import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.Tokenizers;
import io.edgellm.engine.tokenizer.training.TrainedVocabulary;
import io.edgellm.engine.train.Batch;
import io.edgellm.engine.train.FullTraining;
import io.edgellm.engine.train.RandomWindows;
import io.edgellm.engine.train.TrainableModel;
import io.edgellm.engine.train.Trainer;
import io.edgellm.engine.train.TrainingListener;
import io.edgellm.engine.train.WarmupCosine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One pretraining run of a family model from scratch: the shared vocabulary, the fixed
 * {@link PretrainingCorpus}, a model of the {@link ModelSize} initialised from {@code seed}, and
 * AdamW with warm-up and cosine decay over random windows drawn from {@code seed}. The run is a
 * function of size, seed and step count: the training engine gives the same bits on any number of
 * threads, so the written model is too.
 */
public final class Pretraining {

    /** Models are written in F16: half the bytes of F32, and plenty for weights of this scale. */
    public static final GGMLType STORAGE = GGMLType.F16;

    private final ModelSize size;
    private final long seed;
    private final int steps;
    private final GGUFMetadata tokenizerMetadata;
    private final TrainableModel model;
    private final Trainer trainer;
    private final List<Batch> validation;
    private final int corpusTokens;

    private Pretraining(ModelSize size, long seed, int steps, ComputePool pool) {
        if (steps < 1) {
            throw new IllegalArgumentException("pretraining needs at least one step, got " + steps);
        }
        this.size = size;
        this.seed = seed;
        this.steps = steps;
        TrainedVocabulary vocabulary = FamilyTokenizer.train();
        this.tokenizerMetadata = FamilyTokenizer.metadata(vocabulary);
        Tokenizer tokenizer = Tokenizers.fromMetadata(tokenizerMetadata);
        int[] corpus = PretrainingCorpus.trainingTokens(tokenizer);
        this.corpusTokens = corpus.length;
        this.validation = PretrainingCorpus.validationBatches(tokenizer, ModelSize.SEQUENCE_LENGTH);
        this.model = TrainableModel.initialize(size.config(vocabulary.size()), null, FullTraining.all(), seed, pool);
        double peak = size.learningRate();
        Trainer.Settings settings = Trainer.Settings.defaults(
                new WarmupCosine(peak, peak / 10, Math.min(ModelSize.WARMUP_STEPS, steps), steps)).withSeed(seed);
        this.trainer = new Trainer(model, settings,
                new RandomWindows(corpus, ModelSize.SEQUENCES_PER_STEP, ModelSize.SEQUENCE_LENGTH, seed));
    }

    /** Builds vocabulary, corpus and model for a run of {@code steps} steps (a size's own count reproduces the family). */
    public static Pretraining prepare(ModelSize size, long seed, int steps, ComputePool pool) {
        return new Pretraining(size, seed, steps, pool);
    }

    public ModelSize size() {
        return size;
    }

    public long seed() {
        return seed;
    }

    public int steps() {
        return steps;
    }

    public ModelConfig config() {
        return model.config();
    }

    public long parameterCount() {
        return model.trainableParameterCount();
    }

    public int corpusTokens() {
        return corpusTokens;
    }

    /** The trainer, e.g. for a Ctrl-C hook to {@link Trainer#requestStop()}. */
    public Trainer trainer() {
        return trainer;
    }

    /** Held-out English windows the run evaluates on. */
    public List<Batch> validation() {
        return validation;
    }

    /** Trains until the step count or a stop request, evaluating every {@code evaluateEvery} steps and at the end. */
    public Trainer.RunResult run(int evaluateEvery, TrainingListener listener) {
        return trainer.run(steps, validation, evaluateEvery, listener);
    }

    /** Writes the model in {@link #STORAGE} with the family's tokenizer and chat template; the file appears atomically. */
    public void save(Path target) throws IOException {
        model.saveGguf(target, STORAGE, tokenizerMetadata);
    }
}
