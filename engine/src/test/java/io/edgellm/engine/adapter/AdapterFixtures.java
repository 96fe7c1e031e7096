package io.edgellm.engine.adapter;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.train.LoraConfig;
import io.edgellm.engine.train.RandomModels;
import io.edgellm.engine.train.TargetModule;
import io.edgellm.engine.train.TrainableModel;
import io.edgellm.engine.train.ops.TestPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small bases and adapters for the adapter tests. */
final class AdapterFixtures {

    static final int VOCAB = 40;

    private AdapterFixtures() {
    }

    /** Width 32, 2 blocks, 4 query heads of 8 sharing 2 key/value heads (so Q and K permute differently), FFN 64. */
    static ModelConfig config(Architecture arch) {
        return new ModelConfig(null, arch, 2, 32, 64, 4, 2, 8, 8, 1e-5f, 10000f, 8, 1f, false, 64, VOCAB,
                arch.requiresQkvBias(), true);
    }

    /** A base with random weights of order one (norms around 1), written as F32 GGUF. */
    static Path writeBase(Path dir, ModelConfig config, long seed) {
        Path file = dir.resolve(config.architecture().ggufName() + "-base-" + seed + ".gguf");
        RandomModels.write(file, config, seed, tokenizer());
        return file;
    }

    /** The largest difference between two sets of logits, relative to the largest expected logit. */
    static double relativeError(double[] expected, float[] actual) {
        double max = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return max / scale;
    }

    /** Token metadata of {@link #VOCAB} tokens: enough for a model file, which only needs the count. */
    static GGUFMetadata tokenizer() {
        String[] tokens = new String[VOCAB];
        for (int i = 0; i < VOCAB; i++) {
            tokens[i] = "t" + i;
        }
        return new GGUFMetadata(null, Map.of("tokenizer.ggml.model", GGUFValue.ofString("llama"),
                "tokenizer.ggml.tokens", GGUFValue.ofStrings(tokens)));
    }

    /** Random factors of rank {@code rank} on {@code modules} of blocks {@code fromBlock} and up, B of order 0.3. */
    static LoraWeights randomLora(ModelConfig c, int rank, float alpha, int fromBlock, long seed, TargetModule... modules) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LoraTensors> tensors = new ArrayList<>();
        for (int b = fromBlock; b < c.blockCount(); b++) {
            for (TargetModule m : modules) {
                int in = m.inputWidth(c);
                int out = m.outputWidth(c);
                tensors.add(new LoraTensors(b, m, rank, in, out, gaussian(random, rank * in, 1 / Math.sqrt(in)),
                        gaussian(random, out * rank, 0.3)));
            }
        }
        return new LoraWeights(alpha, 0.05f, "fixture-base", tensors);
    }

    /** A model over the base in {@code file} with LoRA of {@code lora}'s rank, alpha and modules, loaded with its factors. */
    static TrainableModel withLora(GGUFFile base, LoraWeights lora) {
        int blocks = base.metadata().getInt(base.metadata().architecture() + ".block_count");
        double frozen = (double) lora.blocks().iterator().next() / blocks;
        LoraConfig config = new LoraConfig(lora.rank(), lora.alpha(), 0f, lora.targets(), frozen);
        TrainableModel model = TrainableModel.fromGguf(base, config, 1, TestPool.POOL);
        lora.loadInto(model);
        return model;
    }

    static int[] tokens(int n, long seed) {
        return new SplittableRandom(seed).ints(n, 0, VOCAB).toArray();
    }

    private static float[] gaussian(SplittableRandom random, int n, double sigma) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (sigma * random.nextGaussian());
        }
        return v;
    }
}
