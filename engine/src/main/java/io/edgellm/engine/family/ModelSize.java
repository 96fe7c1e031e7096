package io.edgellm.engine.family;

import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import java.util.Arrays;
import java.util.Locale;

/**
 * The two models of EdgeLLM's own family: a draft for speculative decoding and a base to
 * fine-tune, both Llama-shaped with tied embeddings, sharing one vocabulary. Each size fixes its
 * training run too (steps, peak learning rate), so that a size and a seed name a model.
 */
public enum ModelSize {
    /** About 0.7M parameters. */
    DRAFT(128, 2, 2, 384, 3000, 3e-3),
    /** About 3M parameters. */
    BASE(192, 6, 6, 512, 3500, 2e-3);

    /** Positions the models are built for; training windows are half of it. */
    public static final int CONTEXT_LENGTH = 256;
    public static final int SEQUENCE_LENGTH = 128;
    public static final int SEQUENCES_PER_STEP = 16;
    public static final int WARMUP_STEPS = 100;

    private final int dim;
    private final int blocks;
    private final int heads;
    private final int feedForward;
    private final int steps;
    private final double learningRate;

    ModelSize(int dim, int blocks, int heads, int feedForward, int steps, double learningRate) {
        this.dim = dim;
        this.blocks = blocks;
        this.heads = heads;
        this.feedForward = feedForward;
        this.steps = steps;
        this.learningRate = learningRate;
    }

    /** The shape over a vocabulary of {@code vocab} tokens. */
    public ModelConfig config(int vocab) {
        int head = dim / heads;
        return new ModelConfig(null, Architecture.LLAMA, blocks, dim, feedForward, heads, heads, head, head, 1e-5f, 10000f,
                head, 1f, false, CONTEXT_LENGTH, vocab, false, true);
    }

    /** Optimizer steps of pretraining. */
    public int steps() {
        return steps;
    }

    /** Peak of the warm-up + cosine schedule, which decays to a tenth of it. */
    public double learningRate() {
        return learningRate;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The size named {@code name} ("draft" or "base", case-insensitive).
     *
     * @throws IllegalArgumentException naming the known sizes
     */
    public static ModelSize parse(String name) {
        return Arrays.stream(values()).filter(s -> s.id().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model size '" + name + "' (known: draft, base)"));
    }
}
