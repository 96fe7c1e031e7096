package io.edgellm.engine.model;

/**
 * Activation buffers for up to {@code rows} tokens passing through a shard together, row-major
 * (token {@code i}'s hidden state is {@code x[i·dim, (i+1)·dim)}). A shard keeps one workspace
 * of a single row for decoding, whose arrays have exactly one row so that matrix-vector kernels
 * get inputs of exactly {@code cols} values, and one grown for batched prefill.
 */
final class Workspace {

    final int rows;
    /** The residual stream. */
    final float[] x;
    /** Normalized input of the current sub-layer. */
    final float[] xb;
    /** Output of {@code attn_output} or {@code ffn_down}, before it joins the residual stream. */
    final float[] projected;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[] attention;
    final float[] gate;
    final float[] up;
    final float[] cos;
    final float[] sin;

    Workspace(ModelConfig c, int rows) {
        this.rows = rows;
        int dim = c.embeddingLength();
        this.x = new float[rows * dim];
        this.xb = new float[rows * dim];
        this.projected = new float[rows * dim];
        this.q = new float[rows * c.queryWidth()];
        this.k = new float[rows * c.keyWidth()];
        this.v = new float[rows * c.valueWidth()];
        this.attention = new float[rows * c.attentionOutputWidth()];
        this.gate = new float[rows * c.feedForwardLength()];
        this.up = new float[rows * c.feedForwardLength()];
        this.cos = new float[rows * c.ropeDimensions()];
        this.sin = new float[rows * c.ropeDimensions()];
    }
}
