package io.edgellm.engine.train;

import io.edgellm.engine.model.VectorMath;
import io.edgellm.engine.train.Scratch.Slot;
import io.edgellm.engine.train.ops.Dropout;

/**
 * The low-rank update of one frozen projection: {@code y += scale · dropout(x)·Aᵀ·Bᵀ}, with
 * {@code A} ({@code rank × in}, PEFT's {@code lora_A}) and {@code B} ({@code out × rank},
 * {@code lora_B}). {@code B} starts at zero, so training starts from the base model.
 *
 * <p>Nothing is kept between the forward and the backward pass: the block keeps {@code x}, the
 * dropout mask is a hash of the pass seed, and the low-rank product {@code dropout(x)·Aᵀ} is
 * recomputed ({@code 2·n·in·rank} operations, a {@code rank / out} fraction of the base product).
 */
public final class LoraAdapter {

    private final Parameter a;
    private final Parameter b;
    private final float scale;
    private final float dropout;

    LoraAdapter(Parameter a, Parameter b, float scale, float dropout) {
        if (a.rows() != b.cols()) {
            throw new IllegalArgumentException("lora_A '" + a.name() + "' has rank " + a.rows() + " but lora_B '" + b.name()
                    + "' has rank " + b.cols());
        }
        this.a = a;
        this.b = b;
        this.scale = scale;
        this.dropout = dropout;
    }

    /** {@code lora_A}: {@code rank × in}. */
    public Parameter a() {
        return a;
    }

    /** {@code lora_B}: {@code out × rank}. */
    public Parameter b() {
        return b;
    }

    public int rank() {
        return a.rows();
    }

    /** {@code alpha / rank}. */
    public float scale() {
        return scale;
    }

    public float dropout() {
        return dropout;
    }

    /**
     * Replaces both matrices, e.g. with an adapter read from a PEFT file.
     *
     * @throws IllegalArgumentException naming the matrix whose shape or rank does not match the base
     */
    public void load(float[] loraA, int aRows, int aCols, float[] loraB, int bRows, int bCols) {
        if (aRows != rank() || bCols != rank()) {
            throw new IllegalArgumentException("adapter rank " + aRows + " (lora_A " + aRows + "x" + aCols + ", lora_B "
                    + bRows + "x" + bCols + ") does not match rank " + rank() + " of '" + a.name() + "'");
        }
        a.load(loraA, aRows, aCols);
        b.load(loraB, bRows, bCols);
    }

    void forward(Pass p, float[] y, float[] x, int n, long seed) {
        float[] low = lowRank(p, x, n, seed);
        p.mm.forward(y, low, b.value(), n, rank(), b.rows(), true);
        p.count(2L * n * rank() * (a.cols() + b.rows()));
    }

    /** Adds the gradients of {@code A} and {@code B} and, unless {@code dx} is null, of the input. */
    void backward(Pass p, float[] dx, float[] dy, float[] x, int n, long seed) {
        int in = a.cols();
        int out = b.rows();
        int r = rank();
        float[] input = input(p, x, n, seed);
        float[] low = lowRank(p, x, n, seed);
        p.mm.backwardWeights(b.gradient(), dy, low, n, r, out);
        float[] dLow = p.scratch.get(Slot.LORA_LOW_RANK_GRADIENT, n * r);
        p.mm.backwardData(dLow, dy, b.value(), n, r, out, false);
        scaleInPlace(dLow, n * r);
        p.mm.backwardWeights(a.gradient(), dLow, input, n, in, r);
        long flops = 2L * n * r * (in + 2L * out + in);
        if (dx != null) {
            if (dropsOut(p)) {
                float[] dInput = p.scratch.get(Slot.LORA_INPUT_GRADIENT, n * in);
                p.mm.backwardData(dInput, dLow, a.value(), n, in, r, false);
                Dropout.backward(dInput, dInput, n * in, dropout, seed);
                VectorMath.add(dInput, 0, dx, 0, n * in);
            } else {
                p.mm.backwardData(dx, dLow, a.value(), n, in, r, true);
            }
            flops += 2L * n * r * in;
        }
        p.count(flops);
    }

    private boolean dropsOut(Pass p) {
        return p.training && dropout > 0;
    }

    /** {@code dropout(x)}, or {@code x} itself when there is no dropout in this pass. */
    private float[] input(Pass p, float[] x, int n, long seed) {
        if (!dropsOut(p)) {
            return x;
        }
        float[] dropped = p.scratch.get(Slot.LORA_INPUT, n * a.cols());
        Dropout.forward(dropped, x, n * a.cols(), dropout, seed);
        return dropped;
    }

    /** {@code scale · dropout(x)·Aᵀ}, {@code n × rank}. */
    private float[] lowRank(Pass p, float[] x, int n, long seed) {
        float[] low = p.scratch.get(Slot.LORA_LOW_RANK, n * rank());
        p.mm.forward(low, input(p, x, n, seed), a.value(), n, a.cols(), rank(), false);
        scaleInPlace(low, n * rank());
        return low;
    }

    private void scaleInPlace(float[] v, int size) {
        for (int i = 0; i < size; i++) {
            v[i] *= scale;
        }
    }
}
