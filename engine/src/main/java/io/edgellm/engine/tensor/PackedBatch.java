package io.edgellm.engine.tensor;

import java.util.Objects;

/**
 * {@code n} input vectors of {@code cols} values rearranged for the batched product: tokens are
 * grouped into panels, and inside a panel the values of one column for all its tokens are
 * contiguous ({@code panel[k * width + t]}). The matrix kernel then broadcasts one weight and
 * multiplies it with a whole panel row of tokens, so its results come out as vectors over tokens
 * and need no horizontal sums.
 *
 * <p>Panels are {@code 4 × LANES} tokens wide; a short tail (at most {@code LANES} tokens) gets a
 * narrow panel. Lanes past {@code n} are zero. Packing once lets several matrices (Q, K and V, or
 * gate and up) share one packed input, and lets {@link ComputePool} pack in parallel.
 */
public final class PackedBatch {

    static final int WIDE = 4 * Simd.LANES;
    static final int NARROW = Simd.LANES;

    private final int n;
    private final int cols;
    final float[] data;
    private final int[] start;
    private final int[] width;
    private final int paddedSize;

    private PackedBatch(int n, int cols) {
        if (n < 1 || cols < 1) {
            throw new IllegalArgumentException("need at least one vector of at least one value, got " + n + " x " + cols);
        }
        this.n = n;
        this.cols = cols;
        int wide = n / WIDE;
        int tail = n % WIDE;
        int panels = wide + (tail > 0 ? 1 : 0);
        start = new int[panels];
        width = new int[panels];
        for (int p = 0; p < panels; p++) {
            start[p] = p * WIDE;
            width[p] = p < wide || tail > NARROW ? WIDE : NARROW;
        }
        paddedSize = panels == 0 ? 0 : start[panels - 1] + width[panels - 1];
        long values = (long) paddedSize * cols;
        if (values > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(n + " vectors of " + cols + " values are too many to pack at once; split the batch");
        }
        data = new float[(int) values];
    }

    /** Packs {@code x}, {@code n} vectors of {@code cols} values stored row-major. */
    public static PackedBatch pack(float[] x, int n, int cols) {
        PackedBatch packed = allocate(x, n, cols);
        packed.packColumns(x, 0, cols);
        return packed;
    }

    /** An empty batch of the right shape for {@code x}, to be filled with {@link #packColumns}. */
    static PackedBatch allocate(float[] x, int n, int cols) {
        PackedBatch packed = new PackedBatch(n, cols);
        if (x.length < (long) n * cols) {
            throw new IllegalArgumentException("x has " + x.length + " values, " + n + " x " + cols + " needed");
        }
        return packed;
    }

    /** Fills columns {@code [from, to)} of every panel from {@code x}. */
    void packColumns(float[] x, int from, int to) {
        Objects.checkFromToIndex(from, to, cols);
        for (int p = 0; p < start.length; p++) {
            int w = width[p];
            int first = start[p];
            int count = Math.min(w, n - first);
            int base = panelOffset(p);
            for (int k = from; k < to; k++) {
                int dst = base + k * w;
                for (int t = 0; t < count; t++) {
                    data[dst + t] = x[(first + t) * cols + k];
                }
            }
        }
    }

    /** Number of input vectors. */
    public int size() {
        return n;
    }

    /** Values per input vector. */
    public int cols() {
        return cols;
    }

    int panels() {
        return start.length;
    }

    /** First token of panel {@code p}. */
    int panelStart(int p) {
        return start[p];
    }

    int panelWidth(int p) {
        return width[p];
    }

    /** Index in {@link #data} of panel {@code p}'s column 0. */
    int panelOffset(int p) {
        return start[p] * cols;
    }

    /** Tokens including the zero padding of the last panel. */
    int paddedSize() {
        return paddedSize;
    }
}
