package io.edgellm.engine.model;

import io.edgellm.engine.gguf.GGUFException;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import java.nio.file.Path;

/**
 * The shape and hyper-parameters of a Llama-family model, read from GGUF metadata (keys are
 * prefixed with the architecture name, e.g. {@code llama.block_count}) plus three facts only the
 * tensor list tells: tied embeddings (no {@code output.weight}), Q/K/V biases and llama3 RoPE
 * frequency factors ({@code rope_freqs.weight}).
 *
 * <p>RoPE scaling supported: llama3-style per-frequency divisors from the {@code rope_freqs.weight}
 * tensor (how llama.cpp's converter stores Llama 3.1/3.2 scaling), and linear position scaling
 * from {@code <arch>.rope.scaling.factor} (or the older {@code <arch>.rope.scale_linear}) with
 * {@code <arch>.rope.scaling.type} absent, {@code none} or {@code linear}. Other scaling types
 * (YaRN, LongRoPE) are rejected rather than silently ignored.
 *
 * @param source               the file the configuration came from, or null when built in memory
 * @param keyLength            width of one attention head's queries and keys
 * @param valueLength          width of one attention head's values
 * @param ropeDimensions       rotated dimensions per head; equal to {@code keyLength} for these families
 * @param ropeScale            linear RoPE scaling factor: positions are divided by it (1 = none)
 * @param ropeFrequencyFactors whether the file has {@code rope_freqs.weight}
 * @param qkvBias              whether every block has {@code attn_q/k/v.bias}
 * @param tiedEmbeddings       whether the output head reuses {@code token_embd.weight}
 */
public record ModelConfig(
        Path source,
        Architecture architecture,
        int blockCount,
        int embeddingLength,
        int feedForwardLength,
        int headCount,
        int headCountKv,
        int keyLength,
        int valueLength,
        float normEpsilon,
        float ropeFreqBase,
        int ropeDimensions,
        float ropeScale,
        boolean ropeFrequencyFactors,
        int contextLength,
        int vocabSize,
        boolean qkvBias,
        boolean tiedEmbeddings) {

    static final String ROPE_FREQS = "rope_freqs.weight";
    public static final String OUTPUT = "output.weight";

    public ModelConfig {
        positive(source, "block_count", blockCount);
        positive(source, "embedding_length", embeddingLength);
        positive(source, "feed_forward_length", feedForwardLength);
        positive(source, "attention.head_count", headCount);
        positive(source, "attention.head_count_kv", headCountKv);
        positive(source, "attention.key_length", keyLength);
        positive(source, "attention.value_length", valueLength);
        positive(source, "context_length", contextLength);
        positive(source, "vocab_size", vocabSize);
        if (headCount % headCountKv != 0) {
            throw new GGUFException(source, "attention.head_count " + headCount
                    + " is not a multiple of attention.head_count_kv " + headCountKv);
        }
        if (ropeDimensions != keyLength) {
            // llama.cpp asserts the same for these architectures: partial rotary is another family.
            throw new GGUFException(source, "rope.dimension_count " + ropeDimensions + " differs from the head width "
                    + keyLength + "; partial rotary embeddings are not part of the llama/qwen2 architectures");
        }
        if (ropeDimensions % 2 != 0) {
            throw new GGUFException(source, "rope.dimension_count " + ropeDimensions + " is odd");
        }
        if (!(normEpsilon > 0) || !(ropeFreqBase > 0) || !(ropeScale > 0)) {
            throw new GGUFException(source, "layer_norm_rms_epsilon, rope.freq_base and the RoPE scaling factor must be positive, got "
                    + normEpsilon + ", " + ropeFreqBase + ", " + ropeScale);
        }
    }

    /**
     * Reads the configuration of the model in {@code file}.
     *
     * @throws GGUFException naming the file (and key) for an unknown architecture, a missing or
     *                       ill-typed key, inconsistent values or an unsupported RoPE scaling type
     */
    public static ModelConfig from(GGUFFile file) {
        GGUFMetadata md = file.metadata();
        Path path = file.path();
        Architecture arch = Architecture.of(path, md.architecture());
        String p = arch.ggufName() + ".";
        int dim = md.getInt(p + "embedding_length");
        int heads = md.getInt(p + "attention.head_count");
        int keyLength = md.findInt(p + "attention.key_length").orElse(heads > 0 ? dim / heads : 0);
        int vocab = md.findInt(p + "vocab_size").orElseGet(() -> {
            if (!md.containsKey("tokenizer.ggml.tokens")) {
                throw new GGUFException(path, "neither '" + p + "vocab_size' nor 'tokenizer.ggml.tokens' gives the vocabulary size");
            }
            return md.arrayLength("tokenizer.ggml.tokens");
        });
        return new ModelConfig(
                path,
                arch,
                md.getInt(p + "block_count"),
                dim,
                md.getInt(p + "feed_forward_length"),
                heads,
                md.findInt(p + "attention.head_count_kv").orElse(heads),
                keyLength,
                md.findInt(p + "attention.value_length").orElse(keyLength),
                md.getFloat(p + "attention.layer_norm_rms_epsilon"),
                md.findFloat(p + "rope.freq_base").orElse(10000f),
                md.findInt(p + "rope.dimension_count").orElse(keyLength),
                ropeScale(md, p),
                file.findTensor(ROPE_FREQS).isPresent(),
                md.getInt(p + "context_length"),
                vocab,
                arch.requiresQkvBias() || file.findTensor(LayerWeights.name(0, "attn_q.bias")).isPresent(),
                file.findTensor(OUTPUT).isEmpty());
    }

    private static float ropeScale(GGUFMetadata md, String p) {
        String type = md.findString(p + "rope.scaling.type").orElse("none");
        if (!type.equals("none") && !type.equals("linear")) {
            throw new GGUFException(md.source(), "RoPE scaling type '" + type + "' (" + p + "rope.scaling.type) is not supported;"
                    + " supported: none, linear, and llama3 frequency factors in the " + ROPE_FREQS + " tensor");
        }
        float factor = md.findFloat(p + "rope.scaling.factor")
                .or(() -> md.findFloat(p + "rope.scale_linear"))
                .orElse(1f);
        // llama.cpp reads a factor of 0 as "no scaling".
        return factor == 0f ? 1f : factor;
    }

    private static void positive(Path source, String key, int value) {
        if (value <= 0) {
            throw new GGUFException(source, key + " must be positive, got " + value);
        }
    }

    public RopeLayout ropeLayout() {
        return architecture.ropeLayout();
    }

    /** Width of all query heads together. */
    public int queryWidth() {
        return headCount * keyLength;
    }

    /** Width of the keys cached per position (all KV heads). */
    public int keyWidth() {
        return headCountKv * keyLength;
    }

    /** Width of the values cached per position (all KV heads). */
    public int valueWidth() {
        return headCountKv * valueLength;
    }

    /** Width of the attention output that {@code attn_output} projects back to the embedding. */
    public int attentionOutputWidth() {
        return headCount * valueLength;
    }

    /** The label used in error messages: the file, or a placeholder for in-memory configurations. */
    String label() {
        return source == null ? "<in memory>" : source.toString();
    }
}
