package io.edgellm.engine.train.ops;

import static io.edgellm.engine.train.ops.GradientCheck.assertForward;
import static io.edgellm.engine.train.ops.GradientCheck.assertGradient;
import static io.edgellm.engine.train.ops.GradientCheck.numeric;
import static io.edgellm.engine.train.ops.GradientCheck.weightedSum;
import static io.edgellm.engine.train.ops.TestArrays.gaussian;
import static io.edgellm.engine.train.ops.TestArrays.toDouble;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.Llama3RopeScaling;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.Rope;
import io.edgellm.engine.tensor.ComputePool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RoPE and causal grouped-query attention against float64 references and central differences;
 * tolerances as in {@link OpsGradientTest}.
 */
class AttentionGradientTest {

    static final double TOLERANCE = OpsGradientTest.TOLERANCE;

    static final ComputePool pool = TestPool.POOL;

    // ---- RoPE ----

    static ModelConfig config(Architecture arch, int headDim, float scale, boolean factors) {
        return new ModelConfig(null, arch, 1, 4 * headDim, 8, 4, 2, headDim, headDim, 1e-5f, 10000f, headDim, scale,
                factors, 64, 300, false, false);
    }

    @ParameterizedTest
    @CsvSource({"LLAMA,8,1,false", "QWEN2,8,1,false", "LLAMA,16,4,false", "LLAMA,16,1,true", "QWEN2,6,2,true"})
    void rope(Architecture arch, int headDim, float scale, boolean withFactors) {
        int heads = 3;
        int length = 7;
        int rows = 2 * length;
        float[] factors = withFactors ? Llama3RopeScaling.LLAMA_3_2.frequencyFactors(headDim, 10000f) : null;
        RotaryEmbedding rope = new RotaryEmbedding(new Rope(config(arch, headDim, scale, withFactors), factors));
        rope.prepare(length);
        float[] x = gaussian(rows * heads * headDim, 20);
        float[] y = x.clone();
        rope.forward(pool, y, rows, heads, headDim);
        double[] xd = toDouble(x);
        boolean neox = arch == Architecture.QWEN2;
        assertForward("rope", ReferenceOps.rope(xd, rows, length, heads, headDim, neox, 10000, scale, factors), y, 1e-5);

        float[] g = gaussian(x.length, 21);
        float[] dx = g.clone();
        rope.backward(pool, dx, rows, heads, headDim);
        double[] numeric = numeric(xd, v -> weightedSum(ReferenceOps.rope(v, rows, length, heads, headDim, neox, 10000, scale, factors), g));
        assertGradient("rope " + arch, dx, numeric, TOLERANCE);
    }

    // ---- attention ----

    @ParameterizedTest
    @CsvSource({"2,5,4,2,8,8", "1,6,3,3,5,7", "2,4,4,1,16,16", "3,3,2,2,4,4"})
    void attention(int sequences, int length, int heads, int kvHeads, int keyLength, int valueLength) {
        AttentionShape s = new AttentionShape(sequences, length, heads, kvHeads, keyLength, valueLength);
        float[] q = gaussian(s.rows() * s.queryWidth(), 22);
        float[] k = gaussian(s.rows() * s.keyWidth(), 23);
        float[] v = gaussian(s.rows() * s.valueWidth(), 24);
        float[] out = new float[s.rows() * s.outputWidth()];
        float[] att = new float[(int) s.probabilityCount()];
        CausalAttention.forward(pool, s, out, att, q, k, v, new float[s.workSize()]);
        double[] qd = toDouble(q);
        double[] kd = toDouble(k);
        double[] vd = toDouble(v);
        assertForward("attention", ReferenceOps.attention(s, qd, kd, vd), out, 1e-5);

        float[] g = gaussian(out.length, 25);
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        CausalAttention.backward(pool, s, dq, dk, dv, g, q, k, v, att, new float[s.workSize()]);
        assertGradient("attention dq", dq, numeric(qd, x -> weightedSum(ReferenceOps.attention(s, x, kd, vd), g)), TOLERANCE);
        assertGradient("attention dk", dk, numeric(kd, x -> weightedSum(ReferenceOps.attention(s, qd, x, vd), g)), TOLERANCE);
        assertGradient("attention dv", dv, numeric(vd, x -> weightedSum(ReferenceOps.attention(s, qd, kd, x), g)), TOLERANCE);
    }

    @Test
    void flopCountIsTheCausalHalf() {
        AttentionShape s = new AttentionShape(2, 4, 3, 1, 8, 6);
        // 10 scored pairs per sequence and head, each 8 + 6 multiply-adds.
        assertEquals(2L * 2 * 3 * 10 * (8 + 6), s.forwardFlops());
    }
}
