package io.edgellm.engine.train;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.Rope;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.WeightMatrix;
import io.edgellm.engine.train.Scratch.Slot;
import io.edgellm.engine.train.ops.AttentionShape;
import io.edgellm.engine.train.ops.CrossEntropy;
import io.edgellm.engine.train.ops.Embedding;
import io.edgellm.engine.train.ops.MatMul;
import io.edgellm.engine.train.ops.RmsNorm;
import io.edgellm.engine.train.ops.RotaryEmbedding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Llama-family model (Llama, Qwen2) that trains: the token embedding (or a soft prompt before
 * it), the blocks, the final norm and the head, with a forward pass that keeps what the backward
 * pass needs and a backward pass that adds gradients to the trainable {@link Parameter}s. Which
 * parameters train is set by the {@link TrainingMethod} at construction: everything (pretraining),
 * the blocks above a freezing ratio, LoRA adapters, bottleneck adapters or a soft prompt.
 *
 * <p>Frozen base matrices of a model built {@link #fromGguf from a GGUF file} stay in the file's
 * mapping in their stored type (F32, Q8_0, Q4_0, ...), so the file must stay open while the model is
 * used. The backward pass stops below the lowest block with something to train.
 *
 * <p>Not thread-safe; its matrix work runs on the given {@link ComputePool}.
 */
public final class TrainableModel {

    /** The result of a forward (and backward) pass over one batch. */
    public record PassResult(double lossSum, int targets, long flops) {

        /** Mean loss per target, NaN without targets. */
        public double meanLoss() {
            return targets == 0 ? Double.NaN : lossSum / targets;
        }
    }

    private final ModelConfig config;
    private final TrainingMethod method;
    private final ComputePool pool;
    private final MatMul mm;
    private final Scratch scratch = new Scratch();
    private final Parameter embedding;
    private final WeightMatrix embeddingMatrix;
    private final List<Block> blocks;
    private final Parameter outputNorm;
    private final Linear head;
    private final SoftPrompt prompt;
    private final float[] ropeFrequencyFactors;
    private final RotaryEmbedding rope;
    private final List<Parameter> trainable;
    private final boolean[] inputGradient;
    private final int stopBlock;
    private Activations training;
    private Activations inference;

    TrainableModel(ModelConfig config, TrainingMethod method, ComputePool pool, Parameter embedding,
                   WeightMatrix embeddingMatrix, List<Block> blocks, Parameter outputNorm, Linear head, SoftPrompt prompt,
                   float[] ropeFrequencyFactors) {
        this.config = config;
        this.method = method;
        this.pool = pool;
        this.mm = new MatMul(pool);
        this.embedding = embedding;
        this.embeddingMatrix = embeddingMatrix;
        this.blocks = List.copyOf(blocks);
        this.outputNorm = outputNorm;
        this.head = head;
        this.prompt = prompt;
        this.ropeFrequencyFactors = ropeFrequencyFactors;
        this.rope = new RotaryEmbedding(new Rope(config, ropeFrequencyFactors));
        this.trainable = parameters().stream().filter(Parameter::trainable).toList();
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException(method.describe() + " leaves nothing to train in " + config.blockCount()
                    + " blocks (a freezing ratio of 1 freezes every block, the embedding and the head)");
        }
        boolean below = (embedding != null && embedding.trainable()) || prompt != null;
        inputGradient = new boolean[blocks.size()];
        int stop = blocks.size();
        for (int b = 0; b < blocks.size(); b++) {
            inputGradient[b] = below;
            if (below || blocks.get(b).trainable()) {
                stop = Math.min(stop, b);
            }
            below |= blocks.get(b).trainable();
        }
        this.stopBlock = stop;
    }

    /**
     * A model whose base weights come from {@code file}: trainable matrices are dequantized to f32
     * on the heap, frozen ones stay mapped in their stored type.
     *
     * @param seed initialises adapters and soft prompts
     * @throws io.edgellm.engine.gguf.GGUFException naming the file and tensor for a missing or misshapen tensor
     * @throws IllegalArgumentException when the method leaves nothing to train
     */
    public static TrainableModel fromGguf(GGUFFile file, TrainingMethod method, long seed, ComputePool pool) {
        return ModelBuilder.fromGguf(file, method, seed, pool);
    }

    /**
     * A model with freshly initialised weights, for pretraining: matrices from {@code N(0, 0.02)}
     * (the output projections of attention and MLP scaled by {@code 1/sqrt(2·blocks)}, as GPT-2
     * does), norm weights 1, biases 0. Each tensor draws from its own stream of {@code seed}.
     *
     * @param ropeFrequencyFactors llama3 per-frequency divisors when {@code config.ropeFrequencyFactors()}, else null
     */
    public static TrainableModel initialize(ModelConfig config, float[] ropeFrequencyFactors, TrainingMethod method,
                                            long seed, ComputePool pool) {
        return ModelBuilder.initialize(config, ropeFrequencyFactors, method, seed, pool);
    }

    public ModelConfig config() {
        return config;
    }

    public TrainingMethod method() {
        return method;
    }

    public ComputePool pool() {
        return pool;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public Block block(int index) {
        return blocks.get(index);
    }

    /** The token embedding as a heap parameter, or null when it stays mapped (frozen). */
    public Parameter embedding() {
        return embedding;
    }

    /** The token embedding table for lookups, heap or mapped. */
    public WeightMatrix embeddingMatrix() {
        return embeddingMatrix;
    }

    public Parameter outputNorm() {
        return outputNorm;
    }

    /** The output head; its weight is the embedding's when the model ties them. */
    public Linear head() {
        return head;
    }

    /** The soft prompt of prompt tuning, or null. */
    public SoftPrompt prompt() {
        return prompt;
    }

    /** llama3 RoPE frequency divisors, or null. */
    public float[] ropeFrequencyFactors() {
        return ropeFrequencyFactors == null ? null : ropeFrequencyFactors.clone();
    }

    /**
     * The LoRA adapter of {@code module} in block {@code block}.
     *
     * @throws IllegalArgumentException when that projection has none (not a target, or a frozen block)
     */
    public LoraAdapter lora(int block, TargetModule module) {
        LoraAdapter a = blocks.get(block).projection(module).lora();
        if (a == null) {
            throw new IllegalArgumentException("block " + block + " has no LoRA adapter on " + module.shortName()
                    + " (" + method.describe() + ")");
        }
        return a;
    }

    /** Every heap parameter, trainable or frozen, in a fixed order (embedding, blocks, final norm, head, prompt). */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        if (embedding != null) {
            all.add(embedding);
        }
        for (Block b : blocks) {
            all.addAll(b.parameters());
        }
        all.add(outputNorm);
        if (head.weightParameter() != null && head.weightParameter() != embedding) {
            all.add(head.weightParameter());
        }
        if (prompt != null) {
            all.add(prompt.embeddings());
        }
        return Collections.unmodifiableList(all);
    }

    /** The parameters that train, in the order of {@link #parameters()}. */
    public List<Parameter> trainableParameters() {
        return trainable;
    }

    public long trainableParameterCount() {
        long n = 0;
        for (Parameter p : trainable) {
            n += p.size();
        }
        return n;
    }

    public void zeroGradients() {
        for (Parameter p : trainable) {
            p.zeroGradient();
        }
    }

    /**
     * Forward and backward over one micro-batch, adding {@code lossScale ×} the gradient of the
     * summed loss to every trainable parameter: with {@code lossScale = 1 / targets of the whole
     * step} the accumulated gradient is that of the mean loss over all micro-batches.
     *
     * @param labelSmoothing the cross-entropy's {@code ε}
     * @param seed           seeds this pass's dropout masks
     */
    public PassResult accumulateGradients(Batch batch, float lossScale, float labelSmoothing, long seed) {
        Activations a = activations(batch, true);
        Pass p = new Pass(pool, mm, scratch, true, seed);
        double loss = forward(p, batch, a, labelSmoothing);
        backward(p, a, labelSmoothing, lossScale);
        return new PassResult(loss, batch.targetCount(), p.flops());
    }

    /** The loss without gradients, dropout or label smoothing. */
    public PassResult evaluate(Batch batch) {
        Activations a = activations(batch, false);
        Pass p = new Pass(pool, mm, scratch, false, 0);
        double loss = forward(p, batch, a, 0f);
        return new PassResult(loss, batch.targetCount(), p.flops());
    }

    /** Logits at every position of one sequence, {@code tokens.length × vocab}, as inference would compute them. */
    public float[] logits(int[] tokens) {
        int[] none = new int[tokens.length];
        Arrays.fill(none, Batch.IGNORE);
        Batch batch = new Batch(1, tokens.length, tokens, none);
        Activations a = activations(batch, false);
        forward(new Pass(pool, mm, scratch, false, 0), batch, a, 0f);
        int vocab = config.vocabSize();
        int virtual = virtualTokens();
        float[] out = new float[tokens.length * vocab];
        System.arraycopy(a.logits, virtual * vocab, out, 0, out.length);
        return out;
    }

    /**
     * Writes this model as a GGUF file the inference engine loads, with the {@code tokenizer.*}
     * keys of {@code tokenizer} (e.g. the base model's metadata, or a trained vocabulary's file).
     *
     * @param type storage type of the matrices (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K); norms and
     *             biases stay F32
     * @throws IllegalStateException    for methods that train adapters rather than the model itself
     * @throws IllegalArgumentException when the tokenizer's vocabulary size differs from the model's, or a
     *                                  matrix's rows are not whole blocks of {@code type}
     * @throws io.edgellm.engine.tensor.UnsupportedTensorTypeException for a type without a quantizer
     */
    public void saveGguf(Path target, GGMLType type, GGUFMetadata tokenizer) throws IOException {
        ModelExport.write(this, target, type, tokenizer);
    }

    /** Bytes of the activations kept for the backward pass and of the scratch buffers, as allocated now. */
    public long activationBytes() {
        long bytes = scratch.bytes() + (training == null ? 0 : training.bytes()) + (inference == null ? 0 : inference.bytes());
        for (Block b : blocks) {
            if (b.adapter() != null) {
                bytes += b.adapter().activationBytes();
            }
        }
        return bytes;
    }

    /** Bytes of heap parameter values, trainable or frozen. */
    public long parameterBytes() {
        long bytes = 0;
        for (Parameter p : parameters()) {
            bytes += p.valueBytes();
        }
        return bytes;
    }

    /** Bytes of gradients. */
    public long gradientBytes() {
        long bytes = 0;
        for (Parameter p : trainable) {
            bytes += p.gradientBytes();
        }
        return bytes;
    }

    /** Bytes of frozen base matrices read in place from a mapped file, in their stored type. */
    public long mappedWeightBytes() {
        long bytes = 0;
        for (WeightMatrix m : mappedMatrices().values()) {
            bytes += m.byteSize();
        }
        return bytes;
    }

    /** The frozen base matrices read in place from the file, by tensor name (a tied head is the embedding). */
    Map<String, WeightMatrix> mappedMatrices() {
        Map<String, WeightMatrix> mapped = new TreeMap<>();
        List<Linear> linears = new ArrayList<>();
        for (Block b : blocks) {
            for (TargetModule m : TargetModule.values()) {
                linears.add(b.projection(m));
            }
        }
        linears.add(head);
        for (Linear l : linears) {
            if (l.weightParameter() == null) {
                mapped.put(l.name(), l.weight());
            }
        }
        if (embedding == null) {
            mapped.put(ModelBuilder.EMBEDDING, embeddingMatrix);
        }
        return mapped;
    }

    private int virtualTokens() {
        return prompt == null ? 0 : prompt.virtualTokens();
    }

    private Activations activations(Batch batch, boolean train) {
        int length = batch.length() + virtualTokens();
        if (length > config.contextLength()) {
            throw new IllegalArgumentException("sequences of " + batch.length() + " tokens"
                    + (virtualTokens() > 0 ? " after " + virtualTokens() + " virtual tokens" : "")
                    + " exceed the context length " + config.contextLength());
        }
        AttentionShape shape = new AttentionShape(batch.sequences(), length, config.headCount(), config.headCountKv(),
                config.keyLength(), config.valueLength());
        Activations current = train ? training : inference;
        if (current != null && current.shape.equals(shape)) {
            return current;
        }
        Activations fresh = new Activations(config, shape, blocks.size(), train ? stopBlock : blocks.size());
        if (train) {
            training = fresh;
        } else {
            inference = fresh;
        }
        return fresh;
    }

    private double forward(Pass p, Batch batch, Activations a, float smoothing) {
        AttentionShape shape = a.shape;
        int dim = config.embeddingLength();
        int vocab = config.vocabSize();
        int n = shape.rows();
        int virtual = virtualTokens();
        int length = batch.length();
        rope.prepare(shape.length());
        float[] x = a.blocks.length > 0 ? a.blocks[0].input : a.last;
        for (int s = 0; s < batch.sequences(); s++) {
            int row = s * shape.length();
            for (int i = 0; i < virtual; i++) {
                a.rowTokens[row + i] = -1;
                a.targets[row + i] = Batch.IGNORE;
            }
            if (virtual > 0) {
                System.arraycopy(prompt.embeddings().value(), 0, x, row * dim, virtual * dim);
            }
            for (int t = 0; t < length; t++) {
                int token = batch.tokens()[s * length + t];
                if (token < 0 || token >= vocab) {
                    throw new IllegalArgumentException("token " + token + " at position " + t + " of sequence " + s
                            + " is outside the vocabulary [0, " + vocab + ")");
                }
                a.rowTokens[row + virtual + t] = token;
                int target = batch.targets()[s * length + t];
                if (target >= vocab) {
                    throw new IllegalArgumentException("target " + target + " at position " + t + " of sequence " + s
                            + " is outside the vocabulary [0, " + vocab + ")");
                }
                a.targets[row + virtual + t] = target;
            }
            Embedding.forward(x, row + virtual, embeddingMatrix, batch.tokens(), s * length, length);
        }
        for (int b = 0; b < blocks.size(); b++) {
            blocks.get(b).forward(p, a.blocks[b], shape, rope, a.output(b));
        }
        RmsNorm.forward(pool, a.finalNorm, a.finalRstd, a.last, outputNorm.value(), n, dim, config.normEpsilon());
        head.forward(p, a.logits, a.finalNorm, n);
        return CrossEntropy.forward(pool, a.losses, a.logits, a.targets, n, vocab, smoothing);
    }

    private void backward(Pass p, Activations a, float smoothing, float lossScale) {
        AttentionShape shape = a.shape;
        int n = shape.rows();
        int dim = config.embeddingLength();
        CrossEntropy.backward(pool, a.logits, a.targets, n, config.vocabSize(), smoothing, lossScale);
        boolean below = stopBlock < blocks.size();
        float[] dx = p.scratch.get(Slot.RESIDUAL_GRADIENT, n * dim);
        float[] dNorm = below || outputNorm.trainable() ? p.scratch.get(Slot.NORM_GRADIENT, n * dim) : null;
        head.backward(p, dNorm, false, a.logits, a.finalNorm, n);
        if (dNorm != null) {
            Arrays.fill(dx, 0, n * dim, 0f);
            RmsNorm.backward(pool, below ? dx : null, outputNorm.gradient(), dNorm, a.last, outputNorm.value(), a.finalRstd,
                    n, dim);
        }
        for (int b = blocks.size() - 1; b >= stopBlock; b--) {
            blocks.get(b).backward(p, a.blocks[b], shape, rope, dx, inputGradient[b]);
        }
        if (embedding != null && embedding.trainable()) {
            Embedding.backward(pool, embedding.gradient(), dx, a.rowTokens, n, dim);
        }
        if (prompt != null) {
            float[] g = prompt.embeddings().gradient();
            int size = prompt.virtualTokens() * dim;
            for (int s = 0; s < shape.sequences(); s++) {
                int off = s * shape.length() * dim;
                for (int i = 0; i < size; i++) {
                    g[i] += dx[off + i];
                }
            }
        }
    }
}
