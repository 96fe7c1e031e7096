package io.edgellm.cli.train;

import io.edgellm.engine.family.FamilyTokenizer;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.train.FullTraining;
import io.edgellm.engine.train.TrainableModel;
import java.io.IOException;
import java.nio.file.Path;

/** Tiny random-weight models with the family's ChatML vocabulary, so the training commands run in seconds. */
final class ChatModels {

    /** The family vocabulary, trained once for all tests. */
    private static final GGUFMetadata TOKENIZER = FamilyTokenizer.metadata(FamilyTokenizer.train());

    private ChatModels() {
    }

    /** Width {@code dim}, one block, two heads, the family's 2,048-token vocabulary, context 256. */
    static Path write(Path file, int dim, long seed) throws IOException {
        ModelConfig c = new ModelConfig(null, Architecture.LLAMA, 1, dim, 2 * dim, 2, 2, dim / 2, dim / 2, 1e-5f, 10000f, dim / 2,
                1f, false, 256, FamilyTokenizer.VOCAB_SIZE, false, true);
        try (ComputePool pool = new ComputePool(1)) {
            TrainableModel.initialize(c, null, FullTraining.all(), seed, pool).saveGguf(file, GGMLType.F32, TOKENIZER);
        }
        return file;
    }
}
