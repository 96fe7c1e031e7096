package io.edgellm.engine.train.ops;

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
 *   dP = dO · Vᵀ,   dV += Pᵀ · dO,   dS = P ⊙ (dP − rowsum(P ⊙ dP)) / sqrt(d),
 *   dQ = dS · K,    dK += dSᵀ · Q.
 * </pre>
 * Each product is the {@link MatMul} register-tiled kernel over blocks of {@value #BLOCK} rows
 * that stop at the diagonal, so about half of the masked upper triangle is never computed. Work
 * is split over (sequence, key/value head) pairs: the query heads of a group add into the same
 * keys and values, so they stay on one thread, and no two threads write the same value.
 */
public final class CausalAttention {

    /** Rows per block of the causal products: a multiple of the kernel's six-row tile. */
    static final int BLOCK = 4 * MatMul.MR;

    private CausalAttention() {
    }

    /**
     * @param out {@code rows × heads·valueLength}
     * @param att {@link AttentionShape#probabilityCount()} floats: for sequence {@code b}, head
     *            {@code h}, row {@code t}, the probabilities of positions {@code 0..t} at
     *            {@code ((b·H + h)·T + t)·T}, zeros after
     * @param work {@link AttentionShape#workSize()} floats of scratch
     */
    public static void forward(ComputePool pool, AttentionShape s, float[] out, float[] att, float[] q, float[] k, float[] v,
                               float[] work) {
        float scale = scale(s);
        int T = s.length();
        int hd = s.keyLength();
        int vl = s.valueLength();
        pool.forEachRange(s.sequences() * s.kvHeads(), (from, to) -> {
            for (int task = from; task < to; task++) {
                int b = task / s.kvHeads();
                int kvh = task % s.kvHeads();
                int kt = task * s.workPerTask();
                transpose(k, b * T * s.keyWidth() + kvh * hd, s.keyWidth(), T, hd, work, kt);
                for (int h = kvh * s.groupSize(); h < (kvh + 1) * s.groupSize(); h++) {
                    int base = (b * s.heads() + h) * T * T;
                    Arrays.fill(att, base, base + T * T, 0f);
                    int qOff = b * T * s.queryWidth() + h * hd;
                    for (int i0 = 0; i0 < T; i0 += BLOCK) {
                        int i1 = Math.min(T, i0 + BLOCK);
                        MatMul.gemm(i0, i1, visible(i1, T), hd, q, qOff, s.queryWidth(), 1, work, kt, T, att, base, T);
                    }
                    for (int t = 0; t < T; t++) {
                        int row = base + t * T;
                        Lanes.scale(att, row, t + 1, scale);
                        Lanes.softmax(att, row, t + 1);
                        Arrays.fill(att, row + t + 1, row + T, 0f);
                    }
                    int oOff = b * T * s.outputWidth() + h * vl;
                    for (int t = 0; t < T; t++) {
                        Arrays.fill(out, oOff + t * s.outputWidth(), oOff + t * s.outputWidth() + vl, 0f);
                    }
                    int vOff = b * T * s.valueWidth() + kvh * vl;
                    for (int i0 = 0; i0 < T; i0 += BLOCK) {
                        int i1 = Math.min(T, i0 + BLOCK);
                        MatMul.gemm(i0, i1, vl, i1, att, base, T, 1, v, vOff, s.valueWidth(), out, oOff, s.outputWidth());
                    }
                }
            }
        });
    }

    /**
     * Writes (not adds) {@code dq}, {@code dk} and {@code dv} from the output gradient {@code dout}.
     *
     * @param work {@link AttentionShape#workSize()} floats of scratch
     */
    public static void backward(ComputePool pool, AttentionShape s, float[] dq, float[] dk, float[] dv, float[] dout,
                                float[] q, float[] k, float[] v, float[] att, float[] work) {
        float scale = scale(s);
        int T = s.length();
        int hd = s.keyLength();
        int vl = s.valueLength();
        Arrays.fill(dq, 0, s.rows() * s.queryWidth(), 0f);
        Arrays.fill(dk, 0, s.rows() * s.keyWidth(), 0f);
        Arrays.fill(dv, 0, s.rows() * s.valueWidth(), 0f);
        pool.forEachRange(s.sequences() * s.kvHeads(), (from, to) -> {
            for (int task = from; task < to; task++) {
                int b = task / s.kvHeads();
                int kvh = task % s.kvHeads();
                int kOff = b * T * s.keyWidth() + kvh * hd;
                int vOff = b * T * s.valueWidth() + kvh * vl;
                int vt = task * s.workPerTask();
                int ds = vt + Math.max(hd, vl) * T;
                transpose(v, vOff, s.valueWidth(), T, vl, work, vt);
                for (int h = kvh * s.groupSize(); h < (kvh + 1) * s.groupSize(); h++) {
                    int base = (b * s.heads() + h) * T * T;
                    int oOff = b * T * s.outputWidth() + h * vl;
                    int qOff = b * T * s.queryWidth() + h * hd;
                    Arrays.fill(work, ds, ds + T * T, 0f);
                    for (int i0 = 0; i0 < T; i0 += BLOCK) {
                        int i1 = Math.min(T, i0 + BLOCK);
                        MatMul.gemm(i0, i1, visible(i1, T), vl, dout, oOff, s.outputWidth(), 1, work, vt, T, work, ds, T);
                    }
                    for (int t = 0; t < T; t++) {
                        softmaxBackward(att, base + t * T, work, ds + t * T, t + 1, T, scale);
                    }
                    for (int p0 = 0; p0 < T; p0 += BLOCK) {
                        int p1 = Math.min(T, p0 + BLOCK);
                        int rows = T - p0;
                        // dV[p] += Σ_{t ≥ p} P[t][p] · dO[t] and dK[p] += Σ_{t ≥ p} dS[t][p] · Q[t]: transposed reads of P and dS.
                        MatMul.gemm(p0, p1, vl, rows, att, base + p0 * T, 1, T, dout, oOff + p0 * s.outputWidth(),
                                s.outputWidth(), dv, vOff, s.valueWidth());
                        MatMul.gemm(p0, p1, hd, rows, work, ds + p0 * T, 1, T, q, qOff + p0 * s.queryWidth(), s.queryWidth(),
                                dk, kOff, s.keyWidth());
                    }
                    for (int i0 = 0; i0 < T; i0 += BLOCK) {
                        int i1 = Math.min(T, i0 + BLOCK);
                        MatMul.gemm(i0, i1, hd, i1, work, ds, T, 1, k, kOff, s.keyWidth(), dq, qOff, s.queryWidth());
                    }
                }
            }
        });
    }

    /**
     * Row {@code t} of {@code dS = P ⊙ (dP − Σ P ⊙ dP) · scale}, in place over {@code dP}, over the
     * {@code count = t + 1} visible positions; the rest of the row is zeroed.
     */
    private static void softmaxBackward(float[] p, int pOff, float[] d, int dOff, int count, int width, float scale) {
        float weighted = Lanes.dot(p, pOff, d, dOff, count);
        for (int i = 0; i < count; i++) {
            d[dOff + i] = p[pOff + i] * (d[dOff + i] - weighted) * scale;
        }
        Arrays.fill(d, dOff + count, dOff + width, 0f);
    }

    /** The {@code rows × cols} block at {@code x[off]} (row stride {@code stride}) as {@code cols × rows} at {@code xt[xtOff]}. */
    private static void transpose(float[] x, int off, int stride, int rows, int cols, float[] xt, int xtOff) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                xt[xtOff + c * rows + r] = x[off + r * stride + c];
            }
        }
    }

    /**
     * Columns of a score block whose last row is {@code rows - 1}: the visible ones, rounded up to
     * whole vector panels so that the products run on the full register tile; the extra, masked
     * scores are overwritten afterwards.
     */
    private static int visible(int rows, int length) {
        return Math.min(length, (rows + MatMul.NR - 1) / MatMul.NR * MatMul.NR);
    }

    /** The inference engine's scale. */
    private static float scale(AttentionShape s) {
        return (float) (1.0 / Math.sqrt(s.keyLength()));
    }
}
