package io.edgellm.engine.train;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.TensorReader;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.WeightMatrix;
import io.edgellm.engine.train.ops.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link TrainableModel}: reads or initialises the base weights, decides from the
 * {@link TrainingMethod} which of them train, and attaches LoRA adapters, bottleneck adapters or a
 * soft prompt. Base tensors come from a GGUF file ({@code reader} set) or are drawn fresh.
 */
final class ModelBuilder {

    static final String EMBEDDING = "token_embd.weight";
    static final String OUTPUT = "output.weight";
    static final String OUTPUT_NORM = "output_norm.weight";
    static final String ROPE_FREQS = "rope_freqs.weight";
    /** Standard deviation of freshly initialised matrices (GPT-2, Llama). */
    static final double INIT_STD = 0.02;

    private final ModelConfig config;
    private final TrainingMethod method;
    private final long seed;
    private final TensorReader reader;

    private ModelBuilder(ModelConfig config, TrainingMethod method, long seed, TensorReader reader) {
        this.config = config;
        this.method = method;
        this.seed = seed;
        this.reader = reader;
    }

    static TrainableModel fromGguf(GGUFFile file, TrainingMethod method, long seed, ComputePool pool) {
        ModelConfig config = ModelConfig.from(file);
        TensorReader reader = new TensorReader(file);
        float[] factors = config.ropeFrequencyFactors() ? reader.vector(ROPE_FREQS, config.ropeDimensions() / 2) : null;
        return new ModelBuilder(config, method, seed, reader).build(pool, factors);
    }

    static TrainableModel initialize(ModelConfig config, float[] factors, TrainingMethod method, long seed, ComputePool pool) {
        if (config.ropeFrequencyFactors() != (factors != null)) {
            throw new IllegalArgumentException(config.ropeFrequencyFactors()
                    ? "the configuration has llama3 RoPE frequency factors but none were given"
                    : "RoPE frequency factors were given but the configuration has none");
        }
        if (factors != null && factors.length != config.ropeDimensions() / 2) {
            throw new IllegalArgumentException("expected " + config.ropeDimensions() / 2 + " RoPE frequency factors, got "
                    + factors.length);
        }
        return new ModelBuilder(config, method, seed, null).build(pool, factors == null ? null : factors.clone());
    }

    /** The GGUF name of a block tensor, e.g. {@code blk.3.attn_q.weight}. */
    static String blockTensor(int block, String suffix) {
        return "blk." + block + "." + suffix;
    }

    private TrainableModel build(ComputePool pool, float[] factors) {
        int layers = config.blockCount();
        int dim = config.embeddingLength();
        int vocab = config.vocabSize();
        boolean full = method instanceof FullTraining;
        int frozen = switch (method) {
            case FullTraining f -> TrainingMethod.frozenBlocks(f.freezingRatio(), layers);
            case LoraConfig l -> TrainingMethod.frozenBlocks(l.freezingRatio(), layers);
            default -> layers;
        };
        boolean embeddingTrains = full && frozen == 0;
        Parameter embedding = null;
        WeightMatrix embeddingMatrix;
        if (embeddingTrains || reader == null) {
            embedding = new Parameter(EMBEDDING, vocab, dim, matrixValues(EMBEDDING, vocab, dim, INIT_STD), embeddingTrains, true);
            embeddingMatrix = embedding.asMatrix();
        } else {
            embeddingMatrix = reader.matrix(EMBEDDING, vocab, dim);
        }

        List<Block> blocks = new ArrayList<>(layers);
        for (int b = 0; b < layers; b++) {
            blocks.add(block(b, full && b >= frozen));
        }
        if (method instanceof LoraConfig lora) {
            for (int b = frozen; b < layers; b++) {
                for (TargetModule m : lora.targets()) {
                    attachLora(blocks.get(b).projection(m), lora);
                }
            }
        }
        if (method instanceof AdapterConfig adapters) {
            for (Block block : blocks) {
                block.attach(adapter(block.index(), adapters));
            }
        }
        boolean headTrains = full && frozen < layers;
        Parameter outputNorm = new Parameter(OUTPUT_NORM, 1, dim, vector(OUTPUT_NORM, dim, 1f), headTrains, false);
        Linear head;
        if (config.tiedEmbeddings()) {
            head = embedding != null ? Linear.of(embedding, null) : Linear.frozen(EMBEDDING, embeddingMatrix, null);
        } else {
            head = linear(OUTPUT, vocab, dim, headTrains, INIT_STD, null);
        }
        SoftPrompt prompt = method instanceof PromptTuningConfig p ? softPrompt(p, embeddingMatrix) : null;
        return new TrainableModel(config, method, pool, embedding, embeddingMatrix, blocks, outputNorm, head, prompt, factors);
    }

    private Block block(int b, boolean trains) {
        int dim = config.embeddingLength();
        double residualStd = INIT_STD / Math.sqrt(2.0 * config.blockCount());
        Map<TargetModule, Linear> projections = new EnumMap<>(TargetModule.class);
        for (TargetModule m : TargetModule.values()) {
            int rows = m.outputWidth(config);
            int cols = m.inputWidth(config);
            boolean biased = config.qkvBias() && (m == TargetModule.Q || m == TargetModule.K || m == TargetModule.V);
            Parameter bias = null;
            if (biased) {
                String name = blockTensor(b, m.ggufName() + ".bias");
                bias = new Parameter(name, 1, rows, vector(name, rows, 0f), trains, false);
            }
            double std = m == TargetModule.O || m == TargetModule.DOWN ? residualStd : INIT_STD;
            projections.put(m, linear(blockTensor(b, m.ggufName() + ".weight"), rows, cols, trains, std, bias));
        }
        String attnNorm = blockTensor(b, "attn_norm.weight");
        String ffnNorm = blockTensor(b, "ffn_norm.weight");
        return new Block(b,
                new Parameter(attnNorm, 1, dim, vector(attnNorm, dim, 1f), trains, false),
                new Parameter(ffnNorm, 1, dim, vector(ffnNorm, dim, 1f), trains, false),
                projections, config.normEpsilon());
    }

    /** A projection: mapped when read from a file and frozen, else an f32 heap parameter. */
    private Linear linear(String name, int rows, int cols, boolean trains, double std, Parameter bias) {
        if (reader != null && !trains) {
            return Linear.frozen(name, reader.matrix(name, rows, cols), bias);
        }
        return Linear.of(new Parameter(name, rows, cols, matrixValues(name, rows, cols, std), trains, true), bias);
    }

    private void attachLora(Linear base, LoraConfig lora) {
        int in = base.in();
        String a = base.name() + ".lora_a";
        float[] aValues = uniform(a, lora.rank() * in, 1 / Math.sqrt(in));
        base.attach(new LoraAdapter(
                new Parameter(a, lora.rank(), in, aValues, true, true),
                new Parameter(base.name() + ".lora_b", base.out(), lora.rank(), new float[base.out() * lora.rank()], true, true),
                lora.scale(), lora.dropout()));
    }

    private BottleneckAdapter adapter(int b, AdapterConfig c) {
        int dim = config.embeddingLength();
        int width = c.bottleneck();
        String prefix = blockTensor(b, "adapter.");
        Linear down = Linear.of(
                new Parameter(prefix + "down.weight", width, dim, uniform(prefix + "down.weight", width * dim, 1 / Math.sqrt(dim)), true, true),
                new Parameter(prefix + "down.bias", 1, width, new float[width], true, false));
        Linear up = Linear.of(
                new Parameter(prefix + "up.weight", dim, width, new float[dim * width], true, true),
                new Parameter(prefix + "up.bias", 1, dim, new float[dim], true, false));
        return new BottleneckAdapter(down, up, c.activation());
    }

    /** Virtual tokens start as the embeddings of random vocabulary tokens, so they begin at the scale of real ones. */
    private SoftPrompt softPrompt(PromptTuningConfig c, WeightMatrix table) {
        int dim = config.embeddingLength();
        float[] values = new float[c.virtualTokens() * dim];
        Rng rng = Rng.of(seed, SoftPrompt.NAME.hashCode());
        for (int i = 0; i < c.virtualTokens(); i++) {
            table.dequantizeRow(rng.nextInt(config.vocabSize()), values, i * dim);
        }
        return new SoftPrompt(new Parameter(SoftPrompt.NAME, c.virtualTokens(), dim, values, true, false));
    }

    private float[] matrixValues(String name, int rows, int cols, double std) {
        if (reader == null) {
            return gaussian(name, rows * cols, std);
        }
        WeightMatrix m = reader.matrix(name, rows, cols);
        float[] values = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            m.dequantizeRow(r, values, r * cols);
        }
        return values;
    }

    private float[] vector(String name, int length, float init) {
        if (reader != null) {
            return reader.vector(name, length);
        }
        float[] v = new float[length];
        Arrays.fill(v, init);
        return v;
    }

    private float[] gaussian(String name, int size, double std) {
        Rng rng = Rng.of(seed, name.hashCode());
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (std * rng.nextGaussian());
        }
        return v;
    }

    private float[] uniform(String name, int size, double bound) {
        Rng rng = Rng.of(seed, name.hashCode());
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (bound * (2 * rng.nextDouble() - 1));
        }
        return v;
    }
}
