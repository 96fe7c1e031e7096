package io.edgellm.engine.train;

import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.Lanes;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019), as PyTorch's {@code AdamW}: at
 * step {@code t} (from 1), for each value with gradient {@code g},
 * <pre>
 *   p ← p − lr·λ·p                       (only parameters with {@link Parameter#decay()})
 *   m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
 *   p ← p − lr · (m / (1 − β₁ᵗ)) / (sqrt(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 * The moments are two f32 arrays per trainable parameter. Updates are element-wise, split over the
 * pool in fixed chunks, with scalar tails that compute what the vector lanes compute.
 */
public final class AdamW {

    /** Hyper-parameters; {@link #defaults()} are the usual ones for language models. */
    public record Settings(float beta1, float beta2, float epsilon, float weightDecay) {

        public Settings {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("AdamW betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(epsilon > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("AdamW needs epsilon > 0 and weight decay >= 0, got " + epsilon + ", " + weightDecay);
            }
        }

        /** β = (0.9, 0.95), ε = 1e-8, weight decay 0.1 (GPT-3, Llama). */
        public static Settings defaults() {
            return new Settings(0.9f, 0.95f, 1e-8f, 0.1f);
        }

        public Settings withWeightDecay(float decay) {
            return new Settings(beta1, beta2, epsilon, decay);
        }
    }

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private final List<Parameter> parameters;
    private final Settings settings;
    private final Map<Parameter, float[]> firstMoments = new IdentityHashMap<>();
    private final Map<Parameter, float[]> secondMoments = new IdentityHashMap<>();
    private long step;

    public AdamW(List<Parameter> parameters, Settings settings) {
        for (Parameter p : parameters) {
            if (!p.trainable()) {
                throw new IllegalArgumentException("'" + p.name() + "' is frozen; the optimizer takes trainable parameters only");
            }
            firstMoments.put(p, new float[p.size()]);
            secondMoments.put(p, new float[p.size()]);
        }
        this.parameters = List.copyOf(parameters);
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** Updates taken so far: {@code t} of the bias correction of the next update is this plus one. */
    public long stepCount() {
        return step;
    }

    /** The running mean of gradients of {@code p} (the array itself, for checkpoints). */
    public float[] firstMoment(Parameter p) {
        return moment(firstMoments, p);
    }

    /** The running mean of squared gradients of {@code p} (the array itself, for checkpoints). */
    public float[] secondMoment(Parameter p) {
        return moment(secondMoments, p);
    }

    /** Sets the step count when restoring moments from a checkpoint. */
    public void restoreStepCount(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("step count cannot be negative, got " + steps);
        }
        this.step = steps;
    }

    /** Bytes of the two moments. */
    public long stateBytes() {
        long floats = 0;
        for (Parameter p : parameters) {
            floats += 2L * p.size();
        }
        return floats * Float.BYTES;
    }

    /** One update of every parameter from its gradient, at learning rate {@code lr}. */
    public void step(double lr, ComputePool pool) {
        step++;
        float b1 = settings.beta1();
        float b2 = settings.beta2();
        float stepSize = (float) (lr / (1 - Math.pow(b1, step)));
        float correction2 = (float) (1 / Math.sqrt(1 - Math.pow(b2, step)));
        for (Parameter p : parameters) {
            float decay = p.decay() ? (float) (1 - lr * settings.weightDecay()) : 1f;
            float[] w = p.value();
            float[] g = p.gradient();
            float[] m = firstMoments.get(p);
            float[] v = secondMoments.get(p);
            Lanes.forEachChunk(pool, p.size(), (from, to) -> update(w, g, m, v, from, to, decay, stepSize, correction2));
        }
    }

    /**
     * {@code sqrt(v̂) + ε = sqrt(v)·c₂ + ε} with {@code c₂ = 1/sqrt(1 − β₂ᵗ)}, and the first moment's
     * correction folded into the step size, so each value costs a handful of vector operations.
     */
    private void update(float[] w, float[] g, float[] m, float[] v, int from, int to, float decay, float stepSize,
                        float correction2) {
        float b1 = settings.beta1();
        float b2 = settings.beta2();
        float eps = settings.epsilon();
        int i = from;
        for (int upper = from + F.loopBound(to - from); i < upper; i += F.length()) {
            FloatVector gv = FloatVector.fromArray(F, g, i);
            FloatVector mv = FloatVector.fromArray(F, m, i).mul(b1).add(gv.mul(1 - b1));
            FloatVector vv = FloatVector.fromArray(F, v, i).mul(b2).add(gv.mul(gv).mul(1 - b2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denominator = vv.lanewise(VectorOperators.SQRT).mul(correction2).add(eps);
            FloatVector.fromArray(F, w, i).mul(decay).sub(mv.mul(stepSize).div(denominator)).intoArray(w, i);
        }
        for (; i < to; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + g[i] * g[i] * (1 - b2);
            w[i] = w[i] * decay - stepSize * m[i] / ((float) Math.sqrt(v[i]) * correction2 + eps);
        }
    }

    private static float[] moment(Map<Parameter, float[]> moments, Parameter p) {
        float[] m = moments.get(p);
        if (m == null) {
            throw new IllegalArgumentException("'" + p.name() + "' is not optimised by this optimizer");
        }
        return m;
    }
}
