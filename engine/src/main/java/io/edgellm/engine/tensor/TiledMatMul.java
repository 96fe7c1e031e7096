package io.edgellm.engine.tensor;

import static io.edgellm.engine.tensor.Simd.F;
import static io.edgellm.engine.tensor.Simd.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The batched product for every storage type: a tile of {@value #TILE_ROWS} weight rows × {@value #KC}
 * columns is dequantized into a small float buffer that stays in L1, then a register-blocked kernel
 * multiplies it with each panel of packed tokens ({@link PackedBatch}). Each weight is dequantized
 * once per call however many tokens there are, so with enough tokens the cost is the kernel's
 * fused multiply-adds.
 *
 * <p>Loop order: blocks of rows (their partial sums stay in L2), then column chunks (the packed
 * inputs' chunk stays in L2 while all row tiles of the block pass over it), then row tiles, then
 * panels.
 */
final class TiledMatMul {

    static final int TILE_ROWS = 6;
    /** Column chunk: a multiple of every block size, 256 for K-quants. */
    private static final int KC = 512;
    private static final int BLOCK_ROWS = 16 * TILE_ROWS;

    private TiledMatMul() {
    }

    static void multiply(AbstractWeightMatrix w, PackedBatch x, float[] out, int rowFrom, int rowTo) {
        if (rowFrom == rowTo) {
            return;
        }
        int cols = w.cols;
        int width = x.paddedSize();
        float[] tile = new float[TILE_ROWS * Math.min(KC, cols)];
        int blockRows = Math.min(BLOCK_ROWS, roundUp(rowTo - rowFrom, TILE_ROWS));
        float[] sums = new float[blockRows * width];
        for (int r0 = rowFrom; r0 < rowTo; r0 += BLOCK_ROWS) {
            int r1 = Math.min(r0 + BLOCK_ROWS, rowTo);
            Arrays.fill(sums, 0f);
            for (int k0 = 0; k0 < cols; k0 += KC) {
                int kc = Math.min(KC, cols - k0);
                for (int t0 = r0; t0 < r1; t0 += TILE_ROWS) {
                    loadTile(w, t0, Math.min(TILE_ROWS, r1 - t0), k0, kc, tile);
                    int sumRow = (t0 - r0) * width;
                    for (int p = 0; p < x.panels(); p++) {
                        int panel = x.panelOffset(p) + k0 * x.panelWidth(p);
                        int sumAt = sumRow + x.panelStart(p);
                        if (x.panelWidth(p) == PackedBatch.WIDE) {
                            kernelWide(tile, kc, x.data, panel, sums, sumAt, width);
                        } else {
                            kernelNarrow(tile, kc, x.data, panel, sums, sumAt, width);
                        }
                    }
                }
            }
            scatter(sums, width, x.size(), out, w.rows, r0, r1);
        }
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Rows past the block's end are zero so the kernels can always work on full tiles. */
    private static void loadTile(AbstractWeightMatrix w, int row, int count, int k0, int kc, float[] tile) {
        for (int i = 0; i < count; i++) {
            w.dequantize(row + i, k0, kc, tile, i * kc);
        }
        Arrays.fill(tile, count * kc, TILE_ROWS * kc, 0f);
    }

    /** {@code out[i * rows + r] = sums[(r - r0) * width + i]}, row by row of {@code out} so writes are contiguous. */
    private static void scatter(float[] sums, int width, int n, float[] out, int rows, int r0, int r1) {
        for (int i = 0; i < n; i++) {
            int o = i * rows;
            for (int r = r0; r < r1; r++) {
                out[o + r] = sums[(r - r0) * width + i];
            }
        }
    }

    /** 6 rows × 4 vectors of tokens: 24 accumulators, 4 loads and 6 broadcasts per 24 fused multiply-adds. */
    private static void kernelWide(float[] w, int kc, float[] x, int xAt, float[] c, int cAt, int cStride) {
        int c0 = cAt;
        int c1 = c0 + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        int c4 = c3 + cStride;
        int c5 = c4 + cStride;
        FloatVector a00 = FloatVector.fromArray(F, c, c0), a01 = FloatVector.fromArray(F, c, c0 + LANES);
        FloatVector a02 = FloatVector.fromArray(F, c, c0 + 2 * LANES), a03 = FloatVector.fromArray(F, c, c0 + 3 * LANES);
        FloatVector a10 = FloatVector.fromArray(F, c, c1), a11 = FloatVector.fromArray(F, c, c1 + LANES);
        FloatVector a12 = FloatVector.fromArray(F, c, c1 + 2 * LANES), a13 = FloatVector.fromArray(F, c, c1 + 3 * LANES);
        FloatVector a20 = FloatVector.fromArray(F, c, c2), a21 = FloatVector.fromArray(F, c, c2 + LANES);
        FloatVector a22 = FloatVector.fromArray(F, c, c2 + 2 * LANES), a23 = FloatVector.fromArray(F, c, c2 + 3 * LANES);
        FloatVector a30 = FloatVector.fromArray(F, c, c3), a31 = FloatVector.fromArray(F, c, c3 + LANES);
        FloatVector a32 = FloatVector.fromArray(F, c, c3 + 2 * LANES), a33 = FloatVector.fromArray(F, c, c3 + 3 * LANES);
        FloatVector a40 = FloatVector.fromArray(F, c, c4), a41 = FloatVector.fromArray(F, c, c4 + LANES);
        FloatVector a42 = FloatVector.fromArray(F, c, c4 + 2 * LANES), a43 = FloatVector.fromArray(F, c, c4 + 3 * LANES);
        FloatVector a50 = FloatVector.fromArray(F, c, c5), a51 = FloatVector.fromArray(F, c, c5 + LANES);
        FloatVector a52 = FloatVector.fromArray(F, c, c5 + 2 * LANES), a53 = FloatVector.fromArray(F, c, c5 + 3 * LANES);
        for (int k = 0; k < kc; k++) {
            int xk = xAt + k * PackedBatch.WIDE;
            FloatVector x0 = FloatVector.fromArray(F, x, xk);
            FloatVector x1 = FloatVector.fromArray(F, x, xk + LANES);
            FloatVector x2 = FloatVector.fromArray(F, x, xk + 2 * LANES);
            FloatVector x3 = FloatVector.fromArray(F, x, xk + 3 * LANES);
            FloatVector b = FloatVector.broadcast(F, w[k]);
            a00 = x0.fma(b, a00); a01 = x1.fma(b, a01); a02 = x2.fma(b, a02); a03 = x3.fma(b, a03);
            b = FloatVector.broadcast(F, w[kc + k]);
            a10 = x0.fma(b, a10); a11 = x1.fma(b, a11); a12 = x2.fma(b, a12); a13 = x3.fma(b, a13);
            b = FloatVector.broadcast(F, w[2 * kc + k]);
            a20 = x0.fma(b, a20); a21 = x1.fma(b, a21); a22 = x2.fma(b, a22); a23 = x3.fma(b, a23);
            b = FloatVector.broadcast(F, w[3 * kc + k]);
            a30 = x0.fma(b, a30); a31 = x1.fma(b, a31); a32 = x2.fma(b, a32); a33 = x3.fma(b, a33);
            b = FloatVector.broadcast(F, w[4 * kc + k]);
            a40 = x0.fma(b, a40); a41 = x1.fma(b, a41); a42 = x2.fma(b, a42); a43 = x3.fma(b, a43);
            b = FloatVector.broadcast(F, w[5 * kc + k]);
            a50 = x0.fma(b, a50); a51 = x1.fma(b, a51); a52 = x2.fma(b, a52); a53 = x3.fma(b, a53);
        }
        a00.intoArray(c, c0); a01.intoArray(c, c0 + LANES); a02.intoArray(c, c0 + 2 * LANES); a03.intoArray(c, c0 + 3 * LANES);
        a10.intoArray(c, c1); a11.intoArray(c, c1 + LANES); a12.intoArray(c, c1 + 2 * LANES); a13.intoArray(c, c1 + 3 * LANES);
        a20.intoArray(c, c2); a21.intoArray(c, c2 + LANES); a22.intoArray(c, c2 + 2 * LANES); a23.intoArray(c, c2 + 3 * LANES);
        a30.intoArray(c, c3); a31.intoArray(c, c3 + LANES); a32.intoArray(c, c3 + 2 * LANES); a33.intoArray(c, c3 + 3 * LANES);
        a40.intoArray(c, c4); a41.intoArray(c, c4 + LANES); a42.intoArray(c, c4 + 2 * LANES); a43.intoArray(c, c4 + 3 * LANES);
        a50.intoArray(c, c5); a51.intoArray(c, c5 + LANES); a52.intoArray(c, c5 + 2 * LANES); a53.intoArray(c, c5 + 3 * LANES);
    }

    /** 6 rows × 1 vector of tokens, for a batch tail of at most {@code LANES} tokens. */
    private static void kernelNarrow(float[] w, int kc, float[] x, int xAt, float[] c, int cAt, int cStride) {
        FloatVector a0 = FloatVector.fromArray(F, c, cAt);
        FloatVector a1 = FloatVector.fromArray(F, c, cAt + cStride);
        FloatVector a2 = FloatVector.fromArray(F, c, cAt + 2 * cStride);
        FloatVector a3 = FloatVector.fromArray(F, c, cAt + 3 * cStride);
        FloatVector a4 = FloatVector.fromArray(F, c, cAt + 4 * cStride);
        FloatVector a5 = FloatVector.fromArray(F, c, cAt + 5 * cStride);
        for (int k = 0; k < kc; k++) {
            FloatVector xk = FloatVector.fromArray(F, x, xAt + k * PackedBatch.NARROW);
            a0 = xk.fma(FloatVector.broadcast(F, w[k]), a0);
            a1 = xk.fma(FloatVector.broadcast(F, w[kc + k]), a1);
            a2 = xk.fma(FloatVector.broadcast(F, w[2 * kc + k]), a2);
            a3 = xk.fma(FloatVector.broadcast(F, w[3 * kc + k]), a3);
            a4 = xk.fma(FloatVector.broadcast(F, w[4 * kc + k]), a4);
            a5 = xk.fma(FloatVector.broadcast(F, w[5 * kc + k]), a5);
        }
        a0.intoArray(c, cAt);
        a1.intoArray(c, cAt + cStride);
        a2.intoArray(c, cAt + 2 * cStride);
        a3.intoArray(c, cAt + 3 * cStride);
        a4.intoArray(c, cAt + 4 * cStride);
        a5.intoArray(c, cAt + 5 * cStride);
    }
}
