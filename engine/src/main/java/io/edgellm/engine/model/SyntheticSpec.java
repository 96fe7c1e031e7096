package io.edgellm.engine.model;

import java.util.List;
import java.util.Locale;

/**
 * The shape of a random-weight model for {@link SyntheticModel}. The RoPE layout is not a field:
 * in GGUF it follows from the architecture ({@link Architecture#ropeLayout()}), and Q/K/V biases
 * likewise come with {@link Architecture#QWEN2}.
 *
 * @param headDim       width of each attention head (written as key/value length when it is not
 *                      {@code embeddingLength / headCount})
 * @param llama3Scaling writes {@code rope_freqs.weight} with these factors; null for none
 */
public record SyntheticSpec(
        String name,
        Architecture architecture,
        int embeddingLength,
        int blockCount,
        int headCount,
        int headCountKv,
        int headDim,
        int feedForwardLength,
        int vocabSize,
        int contextLength,
        boolean tiedEmbeddings,
        float ropeFreqBase,
        Llama3RopeScaling llama3Scaling,
        float normEpsilon) {

    /** Specials ({@code <unk> <s> </s>}), the 256 byte tokens and {@code ▁}: what every synthetic vocabulary holds. */
    public static final int MIN_VOCAB = SyntheticVocabulary.FIRST_PIECE + 1;

    public SyntheticSpec {
        if (embeddingLength <= 0 || blockCount <= 0 || headCount <= 0 || headCountKv <= 0 || headDim <= 0
                || feedForwardLength <= 0 || contextLength <= 0) {
            throw new IllegalArgumentException("every size of synthetic model '" + name + "' must be positive");
        }
        if (headCount % headCountKv != 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("synthetic model '" + name + "': " + headCount + " heads must be a multiple of "
                    + headCountKv + " KV heads and the head width " + headDim + " even");
        }
        if (vocabSize < MIN_VOCAB) {
            throw new IllegalArgumentException("synthetic model '" + name + "' needs a vocabulary of at least " + MIN_VOCAB
                    + " tokens (specials and bytes), got " + vocabSize);
        }
        if (!(ropeFreqBase > 0) || !(normEpsilon > 0)) {
            throw new IllegalArgumentException("synthetic model '" + name + "': RoPE base and norm epsilon must be positive");
        }
    }

    /** Names accepted by {@link #preset}. */
    public static List<String> presetNames() {
        return List.of("llama2", "llama3", "mistral", "qwen2", "smollm", "tinyllama", "1b");
    }

    /**
     * The full-size shape of a known model, with random weights: {@code llama2} (Llama 2 7B),
     * {@code llama3} (Llama 3.2 1B: tied, llama3 RoPE scaling), {@code mistral} (Mistral 7B v0.2),
     * {@code qwen2} (Qwen2.5 0.5B: Q/K/V bias, NeoX RoPE, tied), {@code smollm} (SmolLM2 135M, tied),
     * {@code tinyllama} (TinyLlama 1.1B) and {@code 1b} (a Llama of dim 2048, 16 blocks, 32 heads,
     * 8 KV heads, FFN 8192, vocabulary 32000, for benchmarks). Case-insensitive.
     */
    public static SyntheticSpec preset(String name) {
        Architecture llama = Architecture.LLAMA;
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "llama2" -> new SyntheticSpec("llama2", llama, 4096, 32, 32, 32, 128, 11008, 32000, 4096, false, 10000f, null, 1e-5f);
            case "llama3" -> new SyntheticSpec("llama3", llama, 2048, 16, 32, 8, 64, 8192, 128256, 131072, true, 500000f,
                    Llama3RopeScaling.LLAMA_3_2, 1e-5f);
            case "mistral" -> new SyntheticSpec("mistral", llama, 4096, 32, 32, 8, 128, 14336, 32000, 32768, false, 1e6f, null, 1e-5f);
            case "qwen2" -> new SyntheticSpec("qwen2", Architecture.QWEN2, 896, 24, 14, 2, 64, 4864, 151936, 32768, true, 1e6f, null, 1e-6f);
            case "smollm" -> new SyntheticSpec("smollm", llama, 576, 30, 9, 3, 64, 1536, 49152, 8192, true, 100000f, null, 1e-5f);
            case "tinyllama" -> new SyntheticSpec("tinyllama", llama, 2048, 22, 32, 4, 64, 5632, 32000, 2048, false, 10000f, null, 1e-5f);
            case "1b" -> new SyntheticSpec("1b", llama, 2048, 16, 32, 8, 64, 8192, 32000, 4096, false, 10000f, null, 1e-5f);
            default -> throw new IllegalArgumentException("unknown synthetic model preset '" + name + "' (known: "
                    + String.join(", ", presetNames()) + ")");
        };
    }

    /**
     * The same family at test size: width 256 (a whole number of K-quant blocks), 3 blocks, 4 heads
     * of 64, FFN 512, 320 tokens, context 256; attention stays multi-head, grouped (2 KV heads) or
     * multi-query (1 KV head) according to how far this spec groups its heads. Architecture, tied
     * embeddings, RoPE base and scaling and norm epsilon are kept.
     */
    public SyntheticSpec tiny() {
        int group = headCount / headCountKv;
        int kvHeads = group == 1 ? 4 : group < 4 ? 2 : 1;
        return new SyntheticSpec(name + "-tiny", architecture, 256, 3, 4, kvHeads, 64, 512, 320, 256,
                tiedEmbeddings, ropeFreqBase, llama3Scaling, normEpsilon);
    }

    /** This spec with another head width, e.g. one other than {@code embeddingLength / headCount}. */
    public SyntheticSpec withHeadDim(int width) {
        return new SyntheticSpec(name, architecture, embeddingLength, blockCount, headCount, headCountKv, width,
                feedForwardLength, vocabSize, contextLength, tiedEmbeddings, ropeFreqBase, llama3Scaling, normEpsilon);
    }

    /** Parameters in the weight matrices and vectors, embeddings included (once when tied). */
    public long parameterCount() {
        long dim = embeddingLength;
        long q = (long) headCount * headDim;
        long kv = (long) headCountKv * headDim;
        long perBlock = 2 * dim + dim * (q + 2 * kv) + q * dim + 3 * dim * feedForwardLength
                + (architecture.requiresQkvBias() ? q + 2 * kv : 0);
        long embeddings = (tiedEmbeddings ? 1 : 2) * (long) vocabSize * dim;
        return blockCount * perBlock + embeddings + dim;
    }
}
