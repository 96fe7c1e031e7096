package io.edgellm.engine.train;

import io.edgellm.engine.tensor.WeightMatrix;
import io.edgellm.engine.train.ops.Bias;
import java.util.ArrayList;
import java.util.List;

/**
 * A projection {@code y = x·Wᵀ + b} of {@code in → out} features, optionally with a LoRA update.
 * {@code W} is either an f32 {@link Parameter} on the heap (trained, or frozen) or a frozen
 * {@link WeightMatrix} read in place from a mapped file in its stored type (F32, Q8_0, Q4_0, ...),
 * which is how LoRA trains on a quantized base as QLoRA does: both passes multiply by dequantized
 * panels of {@code W}, never holding it whole in f32.
 */
public final class Linear {

    private final String name;
    private final Parameter weight;
    private final WeightMatrix mapped;
    private final Parameter bias;
    private LoraAdapter lora;

    private Linear(String name, Parameter weight, WeightMatrix mapped, Parameter bias) {
        this.name = name;
        this.weight = weight;
        this.mapped = mapped;
        this.bias = bias;
        if (bias != null && bias.size() != out()) {
            throw new IllegalArgumentException("bias '" + bias.name() + "' has " + bias.size() + " values for " + out() + " outputs");
        }
    }

    static Linear of(Parameter weight, Parameter bias) {
        return new Linear(weight.name(), weight, null, bias);
    }

    static Linear frozen(String name, WeightMatrix weight, Parameter bias) {
        return new Linear(name, null, weight, bias);
    }

    /** The GGUF name of the weight, e.g. {@code blk.0.attn_q.weight}. */
    public String name() {
        return name;
    }

    public int in() {
        return weight != null ? weight.cols() : mapped.cols();
    }

    public int out() {
        return weight != null ? weight.rows() : mapped.rows();
    }

    /** The weight as a matrix: a view of the heap parameter, or the mapped base tensor in its stored type. */
    public WeightMatrix weight() {
        return weight != null ? weight.asMatrix() : mapped;
    }

    /** The heap parameter of the weight, or null when the weight is a mapped frozen tensor. */
    public Parameter weightParameter() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    /** The LoRA adapter on this projection, or null. */
    public LoraAdapter lora() {
        return lora;
    }

    /** The heap parameters of this projection: weight (unless mapped), bias, LoRA {@code A} and {@code B}. */
    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(4);
        if (weight != null) {
            all.add(weight);
        }
        if (bias != null) {
            all.add(bias);
        }
        if (lora != null) {
            all.add(lora.a());
            all.add(lora.b());
        }
        return all;
    }

    void attach(LoraAdapter adapter) {
        if (adapter.a().cols() != in() || adapter.b().rows() != out()) {
            throw new IllegalArgumentException("LoRA adapter of " + adapter.b().rows() + "x" + adapter.a().cols()
                    + " does not fit '" + name + "' of " + out() + "x" + in());
        }
        this.lora = adapter;
    }

    /** Whether a backward pass gives this projection any gradient of its own. */
    boolean trainable() {
        return (weight != null && weight.trainable()) || (bias != null && bias.trainable()) || lora != null;
    }

    /** {@code y = x·Wᵀ + b (+ LoRA)} for {@code n} rows. */
    void forward(Pass p, float[] y, float[] x, int n) {
        if (weight != null) {
            p.mm.forward(y, x, weight.value(), n, in(), out(), false);
        } else {
            p.mm.forward(y, x, mapped, n);
        }
        p.count(2L * n * in() * out());
        if (bias != null) {
            Bias.forward(y, bias.value(), n, out());
        }
        if (lora != null) {
            lora.forward(p, y, x, n, p.dropoutSeed(name));
        }
    }

    /**
     * Adds the gradients of the trainable parts and writes (or, with {@code accumulate}, adds) the
     * input gradient to {@code dx}; a null {@code dx} skips the input gradient.
     */
    void backward(Pass p, float[] dx, boolean accumulate, float[] dy, float[] x, int n) {
        if (dx != null) {
            if (weight != null) {
                p.mm.backwardData(dx, dy, weight.value(), n, in(), out(), accumulate);
            } else {
                p.mm.backwardData(dx, dy, mapped, n, accumulate);
            }
            p.count(2L * n * in() * out());
        }
        if (weight != null && weight.trainable()) {
            p.mm.backwardWeights(weight.gradient(), dy, x, n, in(), out());
            p.count(2L * n * in() * out());
        }
        if (bias != null && bias.trainable()) {
            Bias.backward(p.pool, bias.gradient(), dy, n, out());
        }
        if (lora != null) {
            lora.backward(p, dx, dy, x, n, p.dropoutSeed(name));
        }
    }
}
