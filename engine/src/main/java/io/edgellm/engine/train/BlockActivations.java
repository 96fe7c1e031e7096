package io.edgellm.engine.train;

import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.train.ops.AttentionShape;

/**
 * What one block's backward pass needs from its forward pass, for {@code rows} rows: the input of
 * each sub-layer, the normalisation factors, rotated queries and keys, values, attention
 * probabilities and the MLP's pre-activations. Blocks below the lowest one that needs gradients
 * share two of these, alternately, since nothing of theirs is read again.
 */
final class BlockActivations {

    /** The block's input: the residual stream before it. */
    final float[] input;
    final float[] norm1;
    final float[] rstd1;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[] att;
    final float[] attOut;
    /** The residual stream after attention. */
    final float[] mid;
    final float[] norm2;
    final float[] rstd2;
    final float[] gate;
    final float[] up;
    final float[] hidden;

    BlockActivations(ModelConfig c, AttentionShape shape) {
        int n = shape.rows();
        int dim = c.embeddingLength();
        int ffn = c.feedForwardLength();
        input = new float[n * dim];
        norm1 = new float[n * dim];
        rstd1 = new float[n];
        q = new float[n * shape.queryWidth()];
        k = new float[n * shape.keyWidth()];
        v = new float[n * shape.valueWidth()];
        att = new float[Math.toIntExact(shape.probabilityCount())];
        attOut = new float[n * shape.outputWidth()];
        mid = new float[n * dim];
        norm2 = new float[n * dim];
        rstd2 = new float[n];
        gate = new float[n * ffn];
        up = new float[n * ffn];
        hidden = new float[n * ffn];
    }

    long bytes() {
        long floats = (long) input.length + norm1.length + rstd1.length + q.length + k.length + v.length + att.length
                + attOut.length + mid.length + norm2.length + rstd2.length + gate.length + up.length + hidden.length;
        return floats * Float.BYTES;
    }
}
