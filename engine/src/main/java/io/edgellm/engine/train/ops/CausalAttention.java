package io.edgellm.engine.train.ops;

import io.edgellm.engine.model.VectorMath;
import io.edgellm.engine.tensor.ComputePool;
import java.util.Arrays;

/**
 * Causal grouped-query attention over whole sequences, the training counterpart of the inference
 * engine's cached attention. For query head {@code h} of a sequence, row {@code t}:
 * <pre>
 *   s_p = q_t · k_p / sqrt(d)  for p ≤ t,   P = softmax(s),   o_t = Σ_p P_p · v_p
 * </pre>
 * The probabilities {@code P} are kept ({@link AttentionShape#probabilityCount()} floats) and the
 * backward pass is
 * <pre>
 *   dP_p = do_t · v_p,   dv_p += P_p · do_t,   ds_p = P_p · (dP_p − Σ_p' P_p' · dP_p'),
 *   dq_t += Σ_p ds_p · k_p / sqrt(d),   dk_p += ds_p · q_t / sqrt(d).
 * </pre>
 * Work is split over (sequence, key/value head) pairs: the query heads of one group add into the
 * same keys and values, so they stay on one thread, and no two threads write the same gradient.
 */
public final class CausalAttention {

    private CausalAttention() {
    }

    /**
     * @param out {@code rows × heads·valueLength}
     * @param att {@link AttentionShape#probabilityCount()} floats: for sequence {@code b}, head
     *            {@code h}, row {@code t}, the {@code t + 1} probabilities at {@code ((b·H + h)·T + t)·T}
     */
    public static void forward(ComputePool pool, AttentionShape s, float[] out, float[] att, float[] q, float[] k, float[] v) {
        float scale = scale(s);
        int T = s.length();
        pool.forEachRange(s.sequences() * s.kvHeads(), (from, to) -> {
            for (int task = from; task < to; task++) {
                int b = task / s.kvHeads();
                int kvh = task % s.kvHeads();
                for (int h = kvh * s.groupSize(); h < (kvh + 1) * s.groupSize(); h++) {
                    for (int t = 0; t < T; t++) {
                        int row = b * T + t;
                        int p0 = ((b * s.heads() + h) * T + t) * T;
                        int qOff = row * s.queryWidth() + h * s.keyLength();
                        for (int p = 0; p <= t; p++) {
                            int kOff = (b * T + p) * s.keyWidth() + kvh * s.keyLength();
                            att[p0 + p] = Lanes.dot(q, qOff, k, kOff, s.keyLength()) * scale;
                        }
                        Lanes.softmax(att, p0, t + 1);
                        int o = row * s.outputWidth() + h * s.valueLength();
                        Arrays.fill(out, o, o + s.valueLength(), 0f);
                        for (int p = 0; p <= t; p++) {
                            int vOff = (b * T + p) * s.valueWidth() + kvh * s.valueLength();
                            VectorMath.axpy(att[p0 + p], v, vOff, out, o, s.valueLength());
                        }
                    }
                }
            }
        });
    }

    /** Writes (not adds) {@code dq}, {@code dk} and {@code dv} from the output gradient {@code dout}. */
    public static void backward(ComputePool pool, AttentionShape s, float[] dq, float[] dk, float[] dv, float[] dout,
                                float[] q, float[] k, float[] v, float[] att) {
        float scale = scale(s);
        int T = s.length();
        Arrays.fill(dq, 0, s.rows() * s.queryWidth(), 0f);
        Arrays.fill(dk, 0, s.rows() * s.keyWidth(), 0f);
        Arrays.fill(dv, 0, s.rows() * s.valueWidth(), 0f);
        pool.forEachRange(s.sequences() * s.kvHeads(), (from, to) -> {
            float[] dp = new float[T];
            for (int task = from; task < to; task++) {
                int b = task / s.kvHeads();
                int kvh = task % s.kvHeads();
                for (int h = kvh * s.groupSize(); h < (kvh + 1) * s.groupSize(); h++) {
                    for (int t = 0; t < T; t++) {
                        int row = b * T + t;
                        int p0 = ((b * s.heads() + h) * T + t) * T;
                        int o = row * s.outputWidth() + h * s.valueLength();
                        float weighted = 0f;
                        for (int p = 0; p <= t; p++) {
                            int vOff = (b * T + p) * s.valueWidth() + kvh * s.valueLength();
                            dp[p] = Lanes.dot(dout, o, v, vOff, s.valueLength());
                            VectorMath.axpy(att[p0 + p], dout, o, dv, vOff, s.valueLength());
                            weighted += att[p0 + p] * dp[p];
                        }
                        int qOff = row * s.queryWidth() + h * s.keyLength();
                        for (int p = 0; p <= t; p++) {
                            float ds = att[p0 + p] * (dp[p] - weighted) * scale;
                            int kOff = (b * T + p) * s.keyWidth() + kvh * s.keyLength();
                            VectorMath.axpy(ds, k, kOff, dq, qOff, s.keyLength());
                            VectorMath.axpy(ds, q, qOff, dk, kOff, s.keyLength());
                        }
                    }
                }
            }
        });
    }

    /** The inference engine's scale. */
    private static float scale(AttentionShape s) {
        return (float) (1.0 / Math.sqrt(s.keyLength()));
    }
}
