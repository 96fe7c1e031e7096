package io.edgellm.engine.train;

import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.train.ops.Rng;

/** Small model configurations and batches for the training tests. */
final class TinyModels {

    private TinyModels() {
    }

    /** A Llama of width 16: 2 blocks, 4 query heads of 4 sharing 2 key/value heads, FFN 24, vocabulary 13. */
    static ModelConfig llama() {
        return config(Architecture.LLAMA, 2, 2, false, false, 1f);
    }

    static ModelConfig config(Architecture arch, int blocks, int kvHeads, boolean tied, boolean ropeFactors, float ropeScale) {
        return new ModelConfig(null, arch, blocks, 16, 24, 4, kvHeads, 4, 4, 1e-5f, 10000f, 4, ropeScale, ropeFactors, 64, 13,
                arch.requiresQkvBias(), tied);
    }

    /**
     * Moves every parameter away from its initialisation (norm weights around 1, biases and
     * matrices around 0 at a scale that keeps activations of order one), so that zero-initialised
     * LoRA {@code B} and adapter {@code up} matrices do not hide gradients.
     */
    static void randomize(TrainableModel model, long seed) {
        for (Parameter p : model.parameters()) {
            Rng rng = Rng.of(seed, p.name().hashCode());
            boolean norm = p.name().contains("norm");
            boolean bias = p.name().endsWith(".bias");
            double sigma = norm || bias ? 0.2 : 0.4;
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((norm ? 1 : 0) + sigma * rng.nextGaussian());
            }
        }
    }

    /** {@code sequences} random sequences of {@code length} tokens, next-token targets, a few positions ignored. */
    static Batch batch(int sequences, int length, int vocab, long seed) {
        Rng rng = new Rng(seed);
        int[][] windows = new int[sequences][length + 1];
        for (int[] w : windows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextInt(vocab);
            }
        }
        Batch b = Batch.nextTokens(windows);
        b.targets()[0] = Batch.IGNORE;
        b.targets()[b.targets().length / 2] = Batch.IGNORE;
        return b;
    }
}
