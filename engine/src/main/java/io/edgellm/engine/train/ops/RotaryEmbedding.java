package io.edgellm.engine.train.ops;

import io.edgellm.engine.model.Rope;
import io.edgellm.engine.tensor.ComputePool;

/**
 * Rotary position embedding of queries or keys, with the inference engine's {@link Rope} tables
 * (same layouts, frequency factors and scaling). Row {@code r} of a batch of sequences of
 * {@code length} rows sits at position {@code r mod length}. Each pair of dimensions turns by an
 * angle, an orthogonal map, so the backward pass turns the gradient back by the opposite angle:
 * the same kernel with the sines negated.
 */
public final class RotaryEmbedding {

    private final Rope rope;
    private float[] cos = new float[0];
    private float[] sin = new float[0];
    private float[] negativeSin = new float[0];
    private int length;

    public RotaryEmbedding(Rope rope) {
        this.rope = rope;
    }

    /** Fills the tables for positions {@code [0, length)} unless they are already there. */
    public void prepare(int length) {
        if (length == this.length) {
            return;
        }
        int size = length * rope.dimensions();
        cos = new float[size];
        sin = new float[size];
        negativeSin = new float[size];
        rope.fillTables(0, length, cos, sin);
        for (int i = 0; i < size; i++) {
            negativeSin[i] = -sin[i];
        }
        this.length = length;
    }

    /** Rotates {@code rows} rows of {@code heads × headDim} values in place. */
    public void forward(ComputePool pool, float[] x, int rows, int heads, int headDim) {
        rotate(pool, x, rows, heads, headDim, sin);
    }

    /** Turns the gradient of {@code rows} rotated rows back, in place. */
    public void backward(ComputePool pool, float[] dx, int rows, int heads, int headDim) {
        rotate(pool, dx, rows, heads, headDim, negativeSin);
    }

    private void rotate(ComputePool pool, float[] x, int rows, int heads, int headDim, float[] sines) {
        if (length == 0) {
            throw new IllegalStateException("prepare(length) must be called before rotating");
        }
        int width = heads * headDim;
        pool.forEachRange(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                rope.rotate(x, r * width, heads, headDim, cos, sines, r % length);
            }
        });
    }
}
