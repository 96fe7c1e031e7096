package io.edgellm.engine.train.ops;

import io.edgellm.engine.tensor.ComputePool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gated unit of the Llama MLP: {@code h = silu(g) · u} with {@code silu(g) = g · σ(g)}; the
 * backward pass uses {@code silu'(g) = σ(g) · (1 + g · (1 − σ(g)))}. Scalar tails compute the same
 * expressions in the same order as the vector lanes.
 */
public final class SwiGlu {

    private static final VectorSpecies<Float> F = MatMul.F;

    private SwiGlu() {
    }

    /** {@code h = silu(gate) · up} over {@code size} values; {@code gate} and {@code up} are kept for the backward pass. */
    public static void forward(ComputePool pool, float[] h, float[] gate, float[] up, int size) {
        Lanes.forEachChunk(pool, size, (from, to) -> {
            int i = from;
            for (int upper = from + F.loopBound(to - from); i < upper; i += F.length()) {
                FloatVector g = FloatVector.fromArray(F, gate, i);
                g.mul(Lanes.sigmoid(g)).mul(FloatVector.fromArray(F, up, i)).intoArray(h, i);
            }
            for (; i < to; i++) {
                h[i] = gate[i] * Lanes.sigmoid(gate[i]) * up[i];
            }
        });
    }

    /** Writes (not adds) {@code dgate} and {@code dup}; they may not alias {@code dh}. */
    public static void backward(ComputePool pool, float[] dgate, float[] dup, float[] dh, float[] gate, float[] up, int size) {
        Lanes.forEachChunk(pool, size, (from, to) -> {
            int i = from;
            for (int upper = from + F.loopBound(to - from); i < upper; i += F.length()) {
                FloatVector g = FloatVector.fromArray(F, gate, i);
                FloatVector d = FloatVector.fromArray(F, dh, i);
                FloatVector sig = Lanes.sigmoid(g);
                FloatVector silu = g.mul(sig);
                d.mul(silu).intoArray(dup, i);
                FloatVector dsilu = sig.mul(g.mul(sig.neg().add(1f)).add(1f));
                d.mul(FloatVector.fromArray(F, up, i)).mul(dsilu).intoArray(dgate, i);
            }
            for (; i < to; i++) {
                float g = gate[i];
                float sig = Lanes.sigmoid(g);
                dup[i] = dh[i] * (g * sig);
                dgate[i] = dh[i] * up[i] * (sig * (g * (1f - sig) + 1f));
            }
        });
    }
}
