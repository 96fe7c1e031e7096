package io.edgellm.engine.train;

import io.edgellm.engine.model.VectorMath;
import io.edgellm.engine.train.Scratch.Slot;
import io.edgellm.engine.train.ops.AttentionShape;
import io.edgellm.engine.train.ops.CausalAttention;
import io.edgellm.engine.train.ops.RmsNorm;
import io.edgellm.engine.train.ops.RotaryEmbedding;
import io.edgellm.engine.train.ops.SwiGlu;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One pre-norm Llama block, forward and backward:
 * <pre>
 *   mid = x + o(attention(rope(q(n1)), rope(k(n1)), v(n1))),  n1 = rmsnorm(x)
 *   out = mid + down(silu(gate(n2)) · up(n2)),                 n2 = rmsnorm(mid)
 * </pre>
 * followed, when present, by a bottleneck adapter on {@code out}.
 */
public final class Block {

    private final int index;
    private final Parameter attnNorm;
    private final Parameter ffnNorm;
    private final Map<TargetModule, Linear> projections;
    private final float eps;
    private BottleneckAdapter adapter;

    Block(int index, Parameter attnNorm, Parameter ffnNorm, Map<TargetModule, Linear> projections, float eps) {
        if (projections.size() != TargetModule.values().length) {
            throw new IllegalArgumentException("block " + index + " needs all seven projections, got " + projections.keySet());
        }
        this.index = index;
        this.attnNorm = attnNorm;
        this.ffnNorm = ffnNorm;
        this.projections = new EnumMap<>(projections);
        this.eps = eps;
    }

    public int index() {
        return index;
    }

    public Parameter attentionNorm() {
        return attnNorm;
    }

    public Parameter feedForwardNorm() {
        return ffnNorm;
    }

    public Linear projection(TargetModule module) {
        return projections.get(module);
    }

    /** The adapter after this block, or null. */
    public BottleneckAdapter adapter() {
        return adapter;
    }

    void attach(BottleneckAdapter bottleneck) {
        this.adapter = bottleneck;
    }

    /** Whether this block (with its adapter) has any parameter that trains. */
    boolean trainable() {
        return attnNorm.trainable() || ffnNorm.trainable() || adapter != null
                || projections.values().stream().anyMatch(Linear::trainable);
    }

    /** Every parameter of the block and its adapter, in a fixed order. */
    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        all.add(attnNorm);
        for (TargetModule m : TargetModule.values()) {
            all.addAll(projections.get(m).parameters());
            if (m == TargetModule.O) {
                all.add(ffnNorm);
            }
        }
        if (adapter != null) {
            all.addAll(adapter.down().parameters());
            all.addAll(adapter.up().parameters());
        }
        return all;
    }

    /** Runs the block on {@code a.input}, writing its output (after the adapter) to {@code out}. */
    void forward(Pass p, BlockActivations a, AttentionShape shape, RotaryEmbedding rope, float[] out) {
        int n = shape.rows();
        int dim = attnNorm.size();
        RmsNorm.forward(p.pool, a.norm1, a.rstd1, a.input, attnNorm.value(), n, dim, eps);
        projections.get(TargetModule.Q).forward(p, a.q, a.norm1, n);
        projections.get(TargetModule.K).forward(p, a.k, a.norm1, n);
        projections.get(TargetModule.V).forward(p, a.v, a.norm1, n);
        rope.forward(p.pool, a.q, n, shape.heads(), shape.keyLength());
        rope.forward(p.pool, a.k, n, shape.kvHeads(), shape.keyLength());
        CausalAttention.forward(p.pool, shape, a.attOut, a.att, a.q, a.k, a.v,
                p.scratch.get(Slot.ATTENTION_WORK, shape.workSize()));
        p.count(shape.forwardFlops());
        projections.get(TargetModule.O).forward(p, a.mid, a.attOut, n);
        VectorMath.add(a.input, 0, a.mid, 0, n * dim);

        RmsNorm.forward(p.pool, a.norm2, a.rstd2, a.mid, ffnNorm.value(), n, dim, eps);
        projections.get(TargetModule.GATE).forward(p, a.gate, a.norm2, n);
        projections.get(TargetModule.UP).forward(p, a.up, a.norm2, n);
        int ffn = projections.get(TargetModule.GATE).out();
        SwiGlu.forward(p.pool, a.hidden, a.gate, a.up, n * ffn);
        projections.get(TargetModule.DOWN).forward(p, out, a.hidden, n);
        VectorMath.add(a.mid, 0, out, 0, n * dim);
        if (adapter != null) {
            adapter.forward(p, out, n);
        }
    }

    /**
     * Takes the gradient of the block's output in {@code dx} and leaves there that of its input,
     * adding the parameters' gradients on the way. Without {@code inputGradient} (nothing below
     * trains) the projections' input gradients of the attention half are skipped.
     */
    void backward(Pass p, BlockActivations a, AttentionShape shape, RotaryEmbedding rope, float[] dx, boolean inputGradient) {
        int n = shape.rows();
        int dim = attnNorm.size();
        int ffn = projections.get(TargetModule.GATE).out();
        if (adapter != null) {
            adapter.backward(p, dx, n);
        }
        float[] dHidden = p.scratch.get(Slot.HIDDEN_GRADIENT, n * ffn);
        float[] dGate = p.scratch.get(Slot.GATE_GRADIENT, n * ffn);
        float[] dUp = p.scratch.get(Slot.UP_GRADIENT, n * ffn);
        float[] dNorm = p.scratch.get(Slot.NORM_GRADIENT, n * dim);
        projections.get(TargetModule.DOWN).backward(p, dHidden, false, dx, a.hidden, n);
        SwiGlu.backward(p.pool, dGate, dUp, dHidden, a.gate, a.up, n * ffn);
        projections.get(TargetModule.GATE).backward(p, dNorm, false, dGate, a.norm2, n);
        projections.get(TargetModule.UP).backward(p, dNorm, true, dUp, a.norm2, n);
        RmsNorm.backward(p.pool, dx, ffnNorm.gradient(), dNorm, a.mid, ffnNorm.value(), a.rstd2, n, dim);

        float[] dAttOut = p.scratch.get(Slot.ATTENTION_GRADIENT, n * shape.outputWidth());
        float[] dq = p.scratch.get(Slot.QUERY_GRADIENT, n * shape.queryWidth());
        float[] dk = p.scratch.get(Slot.KEY_GRADIENT, n * shape.keyWidth());
        float[] dv = p.scratch.get(Slot.VALUE_GRADIENT, n * shape.valueWidth());
        projections.get(TargetModule.O).backward(p, dAttOut, false, dx, a.attOut, n);
        CausalAttention.backward(p.pool, shape, dq, dk, dv, dAttOut, a.q, a.k, a.v, a.att,
                p.scratch.get(Slot.ATTENTION_WORK, shape.workSize()));
        p.count(2 * shape.forwardFlops());
        rope.backward(p.pool, dq, n, shape.heads(), shape.keyLength());
        rope.backward(p.pool, dk, n, shape.kvHeads(), shape.keyLength());
        boolean normGradient = inputGradient || attnNorm.trainable();
        float[] dNorm1 = normGradient ? dNorm : null;
        projections.get(TargetModule.Q).backward(p, dNorm1, false, dq, a.norm1, n);
        projections.get(TargetModule.K).backward(p, dNorm1, true, dk, a.norm1, n);
        projections.get(TargetModule.V).backward(p, dNorm1, true, dv, a.norm1, n);
        if (normGradient) {
            RmsNorm.backward(p.pool, inputGradient ? dx : null, attnNorm.gradient(), dNorm, a.input, attnNorm.value(),
                    a.rstd1, n, dim);
        }
    }
}
