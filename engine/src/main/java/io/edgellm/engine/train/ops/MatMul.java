package io.edgellm.engine.train.ops;

import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.WeightMatrix;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The three f32 products of a linear layer {@code y = x · Wᵀ} over {@code n} rows, with
 * {@code W} of {@code out × in} values row-major (PyTorch's and GGUF's layout):
 *
 * <ul>
 *   <li>{@link #forward}: {@code y[n×out] = x[n×in] · Wᵀ};</li>
 *   <li>{@link #backwardData}: {@code dx[n×in] += dy[n×out] · W};</li>
 *   <li>{@link #backwardWeights}: {@code dW[out×in] += dyᵀ · x}.</li>
 * </ul>
 *
 * <p>All three are one register-blocked kernel {@code C[m×p] += A[m×k] · B[k×p]}: a tile of
 * {@value #MR} rows of {@code C} by four vectors of columns stays in 24 registers while the
 * reduction runs, each step loading four vectors of {@code B} and broadcasting six values of
 * {@code A}. {@code B} must be contiguous along {@code p}; {@code A} may have any strides, which
 * is what lets the same kernel read {@code dyᵀ} without transposing it. Only the forward product
 * needs a copy: {@code Wᵀ}, written once per call. Rows of {@code C} are split over the pool in
 * whole tiles, so every output element is summed by one thread in a fixed order and results do
 * not depend on the thread count.
 *
 * <p>An instance keeps the scratch of the transposed weight between calls, so it is not
 * thread-safe: one per model.
 */
public final class MatMul {

    /** 512-bit vectors where the CPU has them, else 256: what the register budget below assumes. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    static final int LANES = F.length();
    /** Rows of {@code C} per register tile. */
    static final int MR = 6;
    /** Columns of {@code C} per register tile: four vectors. */
    static final int NR = 4 * LANES;
    /** Reduction steps per pass, so that a {@code KC × NR} panel of {@code B} stays in L1/L2 across the row tiles. */
    static final int KC = 256;
    /** Weight rows dequantized per pass of {@link #backwardData(float[], float[], WeightMatrix, int, boolean)}. */
    static final int FROZEN_ROWS = 128;
    private static final int TRANSPOSE_BLOCK = 16;
    private static final VectorMask<Float> ALL = F.maskAll(true);

    private final ComputePool pool;
    private float[] scratch = new float[0];

    public MatMul(ComputePool pool) {
        this.pool = pool;
    }

    public ComputePool pool() {
        return pool;
    }

    /**
     * {@code y = x · Wᵀ}, or {@code y += x · Wᵀ} when {@code accumulate}.
     *
     * @param y {@code n × out}
     * @param x {@code n × in}
     * @param w {@code out × in}
     */
    public void forward(float[] y, float[] x, float[] w, int n, int in, int out, boolean accumulate) {
        checkSizes(y, n, out, x, n, in, w, out, in);
        float[] wt = scratch(in * out);
        int blocks = (in + TRANSPOSE_BLOCK - 1) / TRANSPOSE_BLOCK;
        pool.forEachRange(blocks, (from, to) ->
                transpose(w, 0, out, in, wt, 0, from * TRANSPOSE_BLOCK, Math.min(to * TRANSPOSE_BLOCK, in)));
        if (!accumulate) {
            Arrays.fill(y, 0, n * out, 0f);
        }
        gemmParallel(n, out, in, x, 0, in, 1, wt, 0, out, y, 0, out);
    }

    /**
     * {@code y = x · Wᵀ} for a frozen weight in any storage type: {@value #FROZEN_ROWS} rows of
     * {@code W} at a time are dequantized, transposed into scratch and multiplied as f32, giving
     * that many columns of {@code y}. The inference kernels would do as well, but they sum in an
     * order that differs between interpreted and compiled code; this keeps training bit-exact.
     */
    public void forward(float[] y, float[] x, WeightMatrix w, int n) {
        int in = w.cols();
        int out = w.rows();
        checkSize("y", y, n, out);
        checkSize("x", x, n, in);
        Arrays.fill(y, 0, n * out, 0f);
        int panelRows = Math.min(FROZEN_ROWS, out);
        float[] rows = scratch(2 * panelRows * in);
        for (int r0 = 0; r0 < out; r0 += FROZEN_ROWS) {
            int count = Math.min(FROZEN_ROWS, out - r0);
            int first = r0;
            pool.forEachRange(count, (from, to) -> {
                for (int r = from; r < to; r++) {
                    w.dequantizeRow(first + r, rows, r * in);
                }
            });
            int blocks = (in + TRANSPOSE_BLOCK - 1) / TRANSPOSE_BLOCK;
            int transposed = panelRows * in;
            pool.forEachRange(blocks, (from, to) ->
                    transpose(rows, 0, count, in, rows, transposed, from * TRANSPOSE_BLOCK, Math.min(to * TRANSPOSE_BLOCK, in)));
            gemmParallel(n, count, in, x, 0, in, 1, rows, transposed, count, y, first, out);
        }
    }

    /**
     * {@code dx = dy · W}, or {@code dx += dy · W} when {@code accumulate}.
     *
     * @param dx {@code n × in}
     * @param dy {@code n × out}
     * @param w  {@code out × in}
     */
    public void backwardData(float[] dx, float[] dy, float[] w, int n, int in, int out, boolean accumulate) {
        checkSizes(dx, n, in, dy, n, out, w, out, in);
        if (!accumulate) {
            Arrays.fill(dx, 0, n * in, 0f);
        }
        gemmParallel(n, in, out, dy, 0, out, 1, w, 0, in, dx, 0, in);
    }

    /**
     * {@code dx (+)= dy · W} for a frozen weight in any storage type: {@value #FROZEN_ROWS} rows of
     * {@code W} at a time are dequantized into scratch and multiplied as f32. This is the gradient
     * through a quantized base that QLoRA needs; the weight itself never gets a gradient.
     */
    public void backwardData(float[] dx, float[] dy, WeightMatrix w, int n, boolean accumulate) {
        int in = w.cols();
        int out = w.rows();
        checkSize("dx", dx, n, in);
        checkSize("dy", dy, n, out);
        if (!accumulate) {
            Arrays.fill(dx, 0, n * in, 0f);
        }
        float[] panel = scratch(Math.min(FROZEN_ROWS, out) * in);
        for (int r0 = 0; r0 < out; r0 += FROZEN_ROWS) {
            int rows = Math.min(FROZEN_ROWS, out - r0);
            int first = r0;
            pool.forEachRange(rows, (from, to) -> {
                for (int r = from; r < to; r++) {
                    w.dequantizeRow(first + r, panel, r * in);
                }
            });
            gemmParallel(n, in, rows, dy, first, out, 1, panel, 0, in, dx, 0, in);
        }
    }

    /**
     * {@code dW += dyᵀ · x}: gradients accumulate over micro-batches until the optimizer clears them.
     *
     * @param dw {@code out × in}
     * @param dy {@code n × out}
     * @param x  {@code n × in}
     */
    public void backwardWeights(float[] dw, float[] dy, float[] x, int n, int in, int out) {
        checkSizes(dw, out, in, dy, n, out, x, n, in);
        gemmParallel(out, in, n, dy, 0, 1, out, x, 0, in, dw, 0, in);
    }

    private float[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new float[size];
        }
        return scratch;
    }

    /**
     * Columns {@code [from, to)} of {@code w} ({@code rows × cols} from {@code wOff}) become rows of
     * {@code wt} ({@code cols × rows} from {@code wtOff}), in square blocks so that both the reads and the writes of a block stay
     * within a few cache lines; a plain double loop is several times slower on a 2048 × 256 head.
     */
    private static void transpose(float[] w, int wOff, int rows, int cols, float[] wt, int wtOff, int from, int to) {
        for (int c0 = from; c0 < to; c0 += TRANSPOSE_BLOCK) {
            int c1 = Math.min(c0 + TRANSPOSE_BLOCK, to);
            for (int r0 = 0; r0 < rows; r0 += TRANSPOSE_BLOCK) {
                int r1 = Math.min(r0 + TRANSPOSE_BLOCK, rows);
                for (int r = r0; r < r1; r++) {
                    int src = wOff + r * cols;
                    for (int c = c0; c < c1; c++) {
                        wt[wtOff + c * rows + r] = w[src + c];
                    }
                }
            }
        }
    }

    /** {@link #gemm} with the rows of {@code C} split over the pool in whole register tiles. */
    private void gemmParallel(int m, int p, int k, float[] a, int aOff, int aRow, int aCol,
                              float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int tiles = (m + MR - 1) / MR;
        pool.forEachRange(tiles, (from, to) ->
                gemm(from * MR, Math.min(to * MR, m), p, k, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc));
    }

    /**
     * {@code C[i][j] += Σ_k A[i][k] · B[k][j]} for rows {@code i} in {@code [m0, m1)} and columns
     * {@code [0, p)}, where {@code A[i][k] = a[aOff + i·aRow + k·aCol]}, {@code B[k][j] = b[bOff + k·ldb + j]}
     * and {@code C[i][j] = c[cOff + i·ldc + j]}. Loop order: reduction chunks, then column panels (a
     * panel of {@code B} is reused by every row tile), then row tiles.
     */
    static void gemm(int m0, int m1, int p, int k, float[] a, int aOff, int aRow, int aCol,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            int aK = aOff + k0 * aCol;
            int bK = bOff + k0 * ldb;
            int j0 = 0;
            for (; j0 + NR <= p; j0 += NR) {
                int i0 = m0;
                for (; i0 + MR <= m1; i0 += MR) {
                    tile(kc, a, aK + i0 * aRow, aRow, aCol, b, bK + j0, ldb, c, cOff + i0 * ldc + j0, ldc);
                }
                for (int j = j0; j < j0 + NR; j += LANES) {
                    edge(m1 - i0, kc, a, aK + i0 * aRow, aRow, aCol, b, bK + j, ldb, c, cOff + i0 * ldc + j, ldc, ALL);
                }
            }
            for (int j = j0; j < p; j += LANES) {
                VectorMask<Float> mask = F.indexInRange(j, p);
                int i0 = m0;
                for (; i0 + 3 <= m1; i0 += 3) {
                    narrowTile(kc, a, aK + i0 * aRow, aRow, aCol, b, bK + j, ldb, c, cOff + i0 * ldc + j, ldc, mask);
                }
                edge(m1 - i0, kc, a, aK + i0 * aRow, aRow, aCol, b, bK + j, ldb, c, cOff + i0 * ldc + j, ldc, mask);
            }
        }
    }

    /** The hot path: {@value #MR} rows × 4 vectors, 24 accumulators, 4 loads and 6 broadcasts per 24 fused multiply-adds. */
    private static void tile(int kc, float[] a, int aAt, int aRow, int aCol, float[] b, int bAt, int ldb,
                             float[] c, int cAt, int ldc) {
        int c0 = cAt;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        FloatVector s00 = FloatVector.fromArray(F, c, c0), s01 = FloatVector.fromArray(F, c, c0 + LANES);
        FloatVector s02 = FloatVector.fromArray(F, c, c0 + 2 * LANES), s03 = FloatVector.fromArray(F, c, c0 + 3 * LANES);
        FloatVector s10 = FloatVector.fromArray(F, c, c1), s11 = FloatVector.fromArray(F, c, c1 + LANES);
        FloatVector s12 = FloatVector.fromArray(F, c, c1 + 2 * LANES), s13 = FloatVector.fromArray(F, c, c1 + 3 * LANES);
        FloatVector s20 = FloatVector.fromArray(F, c, c2), s21 = FloatVector.fromArray(F, c, c2 + LANES);
        FloatVector s22 = FloatVector.fromArray(F, c, c2 + 2 * LANES), s23 = FloatVector.fromArray(F, c, c2 + 3 * LANES);
        FloatVector s30 = FloatVector.fromArray(F, c, c3), s31 = FloatVector.fromArray(F, c, c3 + LANES);
        FloatVector s32 = FloatVector.fromArray(F, c, c3 + 2 * LANES), s33 = FloatVector.fromArray(F, c, c3 + 3 * LANES);
        FloatVector s40 = FloatVector.fromArray(F, c, c4), s41 = FloatVector.fromArray(F, c, c4 + LANES);
        FloatVector s42 = FloatVector.fromArray(F, c, c4 + 2 * LANES), s43 = FloatVector.fromArray(F, c, c4 + 3 * LANES);
        FloatVector s50 = FloatVector.fromArray(F, c, c5), s51 = FloatVector.fromArray(F, c, c5 + LANES);
        FloatVector s52 = FloatVector.fromArray(F, c, c5 + 2 * LANES), s53 = FloatVector.fromArray(F, c, c5 + 3 * LANES);
        int a1 = aRow;
        int a2 = 2 * aRow;
        int a3 = 3 * aRow;
        int a4 = 4 * aRow;
        int a5 = 5 * aRow;
        for (int kk = 0, ak = aAt, bk = bAt; kk < kc; kk++, ak += aCol, bk += ldb) {
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + LANES);
            FloatVector b2 = FloatVector.fromArray(F, b, bk + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(F, b, bk + 3 * LANES);
            FloatVector x = FloatVector.broadcast(F, a[ak]);
            s00 = b0.fma(x, s00); s01 = b1.fma(x, s01); s02 = b2.fma(x, s02); s03 = b3.fma(x, s03);
            x = FloatVector.broadcast(F, a[ak + a1]);
            s10 = b0.fma(x, s10); s11 = b1.fma(x, s11); s12 = b2.fma(x, s12); s13 = b3.fma(x, s13);
            x = FloatVector.broadcast(F, a[ak + a2]);
            s20 = b0.fma(x, s20); s21 = b1.fma(x, s21); s22 = b2.fma(x, s22); s23 = b3.fma(x, s23);
            x = FloatVector.broadcast(F, a[ak + a3]);
            s30 = b0.fma(x, s30); s31 = b1.fma(x, s31); s32 = b2.fma(x, s32); s33 = b3.fma(x, s33);
            x = FloatVector.broadcast(F, a[ak + a4]);
            s40 = b0.fma(x, s40); s41 = b1.fma(x, s41); s42 = b2.fma(x, s42); s43 = b3.fma(x, s43);
            x = FloatVector.broadcast(F, a[ak + a5]);
            s50 = b0.fma(x, s50); s51 = b1.fma(x, s51); s52 = b2.fma(x, s52); s53 = b3.fma(x, s53);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + LANES); s02.intoArray(c, c0 + 2 * LANES); s03.intoArray(c, c0 + 3 * LANES);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + LANES); s12.intoArray(c, c1 + 2 * LANES); s13.intoArray(c, c1 + 3 * LANES);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + LANES); s22.intoArray(c, c2 + 2 * LANES); s23.intoArray(c, c2 + 3 * LANES);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + LANES); s32.intoArray(c, c3 + 2 * LANES); s33.intoArray(c, c3 + 3 * LANES);
        s40.intoArray(c, c4); s41.intoArray(c, c4 + LANES); s42.intoArray(c, c4 + 2 * LANES); s43.intoArray(c, c4 + 3 * LANES);
        s50.intoArray(c, c5); s51.intoArray(c, c5 + LANES); s52.intoArray(c, c5 + 2 * LANES); s53.intoArray(c, c5 + 3 * LANES);
    }

    /**
     * Three rows × one masked vector, twice per six-row tile: columns past the last whole
     * {@link #NR} panel, e.g. a LoRA rank. Three rows, not six: C1 gives up on the six-row form
     * ("out of virtual registers"), and a method stuck below C2 runs the Vector API unintrinsified.
     */
    private static void narrowTile(int kc, float[] a, int aAt, int aRow, int aCol, float[] b, int bAt, int ldb,
                                   float[] c, int cAt, int ldc, VectorMask<Float> mask) {
        FloatVector s0 = FloatVector.fromArray(F, c, cAt, mask);
        FloatVector s1 = FloatVector.fromArray(F, c, cAt + ldc, mask);
        FloatVector s2 = FloatVector.fromArray(F, c, cAt + 2 * ldc, mask);
        for (int kk = 0, ak = aAt, bk = bAt; kk < kc; kk++, ak += aCol, bk += ldb) {
            FloatVector x = FloatVector.fromArray(F, b, bk, mask);
            s0 = x.fma(FloatVector.broadcast(F, a[ak]), s0);
            s1 = x.fma(FloatVector.broadcast(F, a[ak + aRow]), s1);
            s2 = x.fma(FloatVector.broadcast(F, a[ak + 2 * aRow]), s2);
        }
        s0.intoArray(c, cAt, mask);
        s1.intoArray(c, cAt + ldc, mask);
        s2.intoArray(c, cAt + 2 * ldc, mask);
    }

    /**
     * Fewer than {@value #MR} rows × one (masked) vector, a row at a time: the bottom edge of
     * {@code C} when its row count is not a multiple of six.
     */
    private static void edge(int rows, int kc, float[] a, int aAt, int aRow, int aCol, float[] b, int bAt, int ldb,
                             float[] c, int cAt, int ldc, VectorMask<Float> mask) {
        for (int i = 0; i < rows; i++) {
            int ci = cAt + i * ldc;
            FloatVector s = FloatVector.fromArray(F, c, ci, mask);
            for (int kk = 0, ak = aAt + i * aRow, bk = bAt; kk < kc; kk++, ak += aCol, bk += ldb) {
                s = FloatVector.fromArray(F, b, bk, mask).fma(FloatVector.broadcast(F, a[ak]), s);
            }
            s.intoArray(c, ci, mask);
        }
    }

    private static void checkSizes(float[] c, int cRows, int cCols, float[] a, int aRows, int aCols,
                                   float[] b, int bRows, int bCols) {
        if (cRows < 0 || cCols < 1 || aCols < 1 || bCols < 1) {
            throw new IllegalArgumentException("matrix sizes must be positive, got " + cRows + "x" + cCols);
        }
        checkSize("result", c, cRows, cCols);
        checkSize("left operand", a, aRows, aCols);
        checkSize("right operand", b, bRows, bCols);
    }

    private static void checkSize(String what, float[] array, int rows, int cols) {
        if (array.length < (long) rows * cols) {
            throw new IllegalArgumentException(what + " has " + array.length + " values, " + rows + "x" + cols + " needed");
        }
    }
}
