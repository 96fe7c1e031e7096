package io.edgellm.planner.profile;

/**
 * The hyper-parameters of a decoder-only transformer that the planner needs, as llama.cpp's GGUF
 * metadata states them. Blocks are assumed to be Llama-style: grouped-query attention and a
 * SwiGLU feed-forward (three matrices).
 */
public record ModelShape(String architecture, int blockCount, int embeddingDim, int headCount, int kvHeadCount,
                         int headDim, int ffnDim, int vocabSize, boolean tiedEmbeddings, int contextLength) {

    public ModelShape {
        requirePositive("block_count", blockCount);
        requirePositive("embedding_length", embeddingDim);
        requirePositive("head_count", headCount);
        requirePositive("head_count_kv", kvHeadCount);
        requirePositive("head_dim", headDim);
        requirePositive("feed_forward_length", ffnDim);
        requirePositive("vocab_size", vocabSize);
        requirePositive("context_length", contextLength);
        if (headCount % kvHeadCount != 0) {
            throw new IllegalArgumentException("head_count " + headCount + " is not a multiple of head_count_kv "
                    + kvHeadCount);
        }
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    /** Weights in one transformer block: Q, K, V, O projections, three FFN matrices, two norms. */
    public long blockWeights() {
        long attention = (long) embeddingDim * headCount * headDim * 2L
                + (long) embeddingDim * kvHeadCount * headDim * 2L;
        long ffn = 3L * embeddingDim * ffnDim;
        return attention + ffn + 2L * embeddingDim;
    }

    public long embeddingWeights() {
        return (long) vocabSize * embeddingDim;
    }

    /** Output norm plus the LM head; a tied head reuses the embedding matrix but still has to be held. */
    public long headWeights() {
        return (long) vocabSize * embeddingDim + embeddingDim;
    }

    public long totalWeights() {
        return blockCount * blockWeights() + embeddingWeights() + (tiedEmbeddings ? embeddingDim : headWeights());
    }
}
