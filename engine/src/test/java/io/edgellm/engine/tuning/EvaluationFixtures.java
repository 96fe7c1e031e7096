package io.edgellm.engine.tuning;

import io.edgellm.engine.family.FamilyTokenizer;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.train.FullTraining;
import io.edgellm.engine.train.Parameter;
import io.edgellm.engine.train.TrainableModel;
import io.edgellm.engine.train.ops.TestPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Tiny random models over the family's ChatML vocabulary. */
final class EvaluationFixtures {

    static final GGUFMetadata TOKENIZER = FamilyTokenizer.metadata(FamilyTokenizer.train());

    private EvaluationFixtures() {
    }

    static ModelConfig config() {
        return new ModelConfig(null, Architecture.LLAMA, 1, 32, 64, 2, 2, 16, 16, 1e-5f, 10000f, 16, 1f, false, 256,
                FamilyTokenizer.VOCAB_SIZE, false, true);
    }

    /** A model with weights of order one, so that its predictions are far from uniform; also returned in training form. */
    static TrainableModel write(Path file, long seed) {
        TrainableModel model = TrainableModel.initialize(config(), null, FullTraining.all(), seed, TestPool.POOL);
        for (Parameter p : model.parameters()) {
            SplittableRandom random = new SplittableRandom(seed ^ p.name().hashCode());
            boolean norm = p.name().contains("norm");
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((norm ? 1 : 0) + (norm ? 0.1 : 0.5) * random.nextGaussian());
            }
        }
        try {
            model.saveGguf(file, GGMLType.F32, TOKENIZER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }
}
