package io.edgellm.engine.train;

import io.edgellm.engine.model.VectorMath;
import io.edgellm.engine.train.Scratch.Slot;
import io.edgellm.engine.train.ops.Activation;

/**
 * A bottleneck adapter on a block's output: {@code x ← x + up(f(down(x)))}, down-projecting
 * {@code dim → bottleneck}, applying the nonlinearity, up-projecting back and adding to the
 * residual stream. {@code up} starts at zero, so a new adapter is the identity.
 */
public final class BottleneckAdapter {

    private final Linear down;
    private final Linear up;
    private final Activation activation;
    private float[] input = new float[0];
    private float[] hidden = new float[0];
    private float[] activated = new float[0];

    BottleneckAdapter(Linear down, Linear up, Activation activation) {
        if (down.out() != up.in() || down.in() != up.out()) {
            throw new IllegalArgumentException("adapter projections " + down.out() + "x" + down.in() + " and "
                    + up.out() + "x" + up.in() + " do not form a bottleneck");
        }
        this.down = down;
        this.up = up;
        this.activation = activation;
    }

    /** {@code bottleneck × dim}, with bias. */
    public Linear down() {
        return down;
    }

    /** {@code dim × bottleneck}, with bias. */
    public Linear up() {
        return up;
    }

    public Activation activation() {
        return activation;
    }

    /** Adds the adapter's output to the {@code n} rows of {@code x}, keeping what the backward pass needs. */
    void forward(Pass p, float[] x, int n) {
        int dim = down.in();
        int width = down.out();
        if (input.length < n * dim) {
            input = new float[n * dim];
            hidden = new float[n * width];
            activated = new float[n * width];
        }
        System.arraycopy(x, 0, input, 0, n * dim);
        down.forward(p, hidden, input, n);
        activation.forward(activated, hidden, n * width);
        float[] projected = p.scratch.get(Slot.PROJECTED, n * dim);
        up.forward(p, projected, activated, n);
        VectorMath.add(projected, 0, x, 0, n * dim);
    }

    /** Turns the gradient of the adapter's output into that of its input, in place, adding the parameters' gradients. */
    void backward(Pass p, float[] dx, int n) {
        int width = down.out();
        float[] dHidden = p.scratch.get(Slot.ADAPTER_GRADIENT, n * width);
        up.backward(p, dHidden, false, dx, activated, n);
        activation.backward(dHidden, dHidden, hidden, n * width);
        down.backward(p, dx, true, dHidden, input, n);
    }

    long activationBytes() {
        return (long) (input.length + hidden.length + activated.length) * Float.BYTES;
    }
}
