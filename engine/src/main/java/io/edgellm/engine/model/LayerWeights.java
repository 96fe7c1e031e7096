package io.edgellm.engine.model;

import io.edgellm.engine.tensor.WeightMatrix;

/**
 * The weights of one transformer block. Matrices are views on the mapped file; norm weights and
 * biases are small heap copies. The biases are null when the model has none.
 */
record LayerWeights(
        float[] attnNorm,
        WeightMatrix wq,
        WeightMatrix wk,
        WeightMatrix wv,
        float[] bq,
        float[] bk,
        float[] bv,
        WeightMatrix wo,
        float[] ffnNorm,
        WeightMatrix ffnGate,
        WeightMatrix ffnUp,
        WeightMatrix ffnDown) {

    /** The GGUF name of a block tensor, e.g. {@code name(3, "attn_q.weight")} is {@code blk.3.attn_q.weight}. */
    static String name(int block, String suffix) {
        return "blk." + block + "." + suffix;
    }

    static LayerWeights load(TensorReader in, ModelConfig c, int block) {
        int dim = c.embeddingLength();
        boolean bias = c.qkvBias();
        return new LayerWeights(
                in.vector(name(block, "attn_norm.weight"), dim),
                in.matrix(name(block, "attn_q.weight"), c.queryWidth(), dim),
                in.matrix(name(block, "attn_k.weight"), c.keyWidth(), dim),
                in.matrix(name(block, "attn_v.weight"), c.valueWidth(), dim),
                bias ? in.vector(name(block, "attn_q.bias"), c.queryWidth()) : null,
                bias ? in.vector(name(block, "attn_k.bias"), c.keyWidth()) : null,
                bias ? in.vector(name(block, "attn_v.bias"), c.valueWidth()) : null,
                in.matrix(name(block, "attn_output.weight"), dim, c.attentionOutputWidth()),
                in.vector(name(block, "ffn_norm.weight"), dim),
                in.matrix(name(block, "ffn_gate.weight"), c.feedForwardLength(), dim),
                in.matrix(name(block, "ffn_up.weight"), c.feedForwardLength(), dim),
                in.matrix(name(block, "ffn_down.weight"), dim, c.feedForwardLength()));
    }

    /** Bytes of weights this block reads per token: matrices in their storage type, vectors as floats. */
    long byteSize() {
        long bytes = wq.byteSize() + wk.byteSize() + wv.byteSize() + wo.byteSize()
                + ffnGate.byteSize() + ffnUp.byteSize() + ffnDown.byteSize();
        long floats = attnNorm.length + ffnNorm.length;
        if (bq != null) {
            floats += bq.length + bk.length + bv.length;
        }
        return bytes + floats * Float.BYTES;
    }
}
