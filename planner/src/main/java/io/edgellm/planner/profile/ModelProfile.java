package io.edgellm.planner.profile;

/**
 * Per-block costs derived from a {@link ModelShape}. Every transformer block has the same shape, so
 * one block's figures stand for all of them; the embedding travels with the first shard and the
 * output head with the last.
 */
public record ModelProfile(ModelShape shape) {

    /** A token id crossing the network (input to the first shard, sampled output from the last). */
    public static final double TOKEN_ID_BYTES = 4;
    /** KV cache entries are kept in F16. */
    private static final double KV_BYTES_PER_VALUE = 2;
    /** Activations crossing a cut are sent as F32. */
    private static final double ACTIVATION_BYTES_PER_VALUE = 4;

    public int blockCount() {
        return shape.blockCount();
    }

    /** Matrix-multiply FLOPs per token in one block (two per weight), excluding attention over the context. */
    public double blockMatmulFlopsPerToken() {
        return 2.0 * (shape.blockWeights() - 2L * shape.embeddingDim());
    }

    /** Attention FLOPs per token per attended position in one block: Q·K and scores·V, two per multiply-add. */
    public double attentionFlopsPerTokenPerPosition() {
        return 4.0 * shape.headCount() * shape.headDim();
    }

    public double blockWeightBytes(Precision precision) {
        return precision.bytesFor(shape.blockWeights());
    }

    /** Bytes of one token's activations at any cut between blocks: the residual stream. */
    public double activationBytesPerToken() {
        return shape.embeddingDim() * ACTIVATION_BYTES_PER_VALUE;
    }

    /** K and V for one token in one block. */
    public double kvBytesPerTokenPerBlock() {
        return 2.0 * shape.kvHeadCount() * shape.headDim() * KV_BYTES_PER_VALUE;
    }

    public double embeddingBytes(Precision precision) {
        return precision.bytesFor(shape.embeddingWeights());
    }

    /** What the last shard must hold for the output head: with tied embeddings, a copy of the embedding. */
    public double headBytes(Precision precision) {
        return precision.bytesFor(shape.headWeights());
    }

    public double headFlopsPerToken() {
        return 2.0 * shape.vocabSize() * shape.embeddingDim();
    }

    public double totalWeightBytes(Precision precision) {
        return precision.bytesFor(shape.totalWeights());
    }
}
