package io.edgellm.engine.tuning;

import io.edgellm.engine.family.FamilyTokenizer;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.train.RandomModels;
import io.edgellm.engine.train.TrainableModel;
import java.nio.file.Path;

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
        return RandomModels.write(file, config(), seed, TOKENIZER);
    }
}
