package io.edgellm.engine.train;

import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.train.ops.TestPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Model files with random weights far from a fresh initialisation (matrices of standard deviation
 * {@code 1/sqrt(in)}, norms around 1), so that tests of adapters and evaluation see outputs that
 * depend strongly on every weight. For tests in other packages.
 */
public final class RandomModels {

    private RandomModels() {
    }

    /** Writes such a model of shape {@code config} as F32 GGUF with {@code tokenizer}'s keys, and returns it in training form. */
    public static TrainableModel write(Path file, ModelConfig config, long seed, GGUFMetadata tokenizer) {
        TrainableModel model = TrainableModel.initialize(config, null, FullTraining.all(), seed, TestPool.POOL);
        for (Parameter p : model.parameters()) {
            SplittableRandom random = new SplittableRandom(seed ^ p.name().hashCode());
            boolean norm = p.name().contains("norm");
            double sigma = norm || p.name().endsWith(".bias") ? 0.2 : 1 / Math.sqrt(p.cols());
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((norm ? 1 : 0) + sigma * random.nextGaussian());
            }
        }
        try {
            model.saveGguf(file, GGMLType.F32, tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }
}
