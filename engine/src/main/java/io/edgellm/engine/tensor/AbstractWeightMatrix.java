package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * What every storage type shares: shape and size validation, argument checks, and the batched
 * product, which only needs each type to dequantize a slice of a row ({@link TiledMatMul}).
 */
abstract class AbstractWeightMatrix implements WeightMatrix {

    final MemorySegment data;
    final int rows;
    final int cols;
    /** Bytes per row; rows are contiguous, so row {@code r} starts at {@code r * rowBytes}. */
    final long rowBytes;
    private final GGMLType type;

    AbstractWeightMatrix(GGMLType type, MemorySegment data, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column, got " + rows + "x" + cols);
        }
        if (cols % type.blockSize() != 0) {
            throw new IllegalArgumentException(type + " rows must be a whole number of blocks of " + type.blockSize()
                    + " values, but cols = " + cols);
        }
        this.type = type;
        this.data = Objects.requireNonNull(data, "data");
        this.rows = rows;
        this.cols = cols;
        this.rowBytes = type.bytesFor(cols);
        long expected = rowBytes * rows;
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("a " + type + " matrix of " + rows + "x" + cols + " takes "
                    + expected + " bytes, got a segment of " + data.byteSize());
        }
    }

    @Override
    public final GGMLType type() {
        return type;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    @Override
    public final void dequantizeRow(int row, float[] out, int offset) {
        Objects.checkIndex(row, rows);
        Objects.checkFromIndexSize(offset, cols, out.length);
        dequantize(row, 0, cols, out, offset);
    }

    @Override
    public final void matVec(float[] x, float[] out, int rowFrom, int rowTo) {
        checkRowRange(rowFrom, rowTo);
        if (x.length < cols) {
            throw new IllegalArgumentException("x has " + x.length + " values, the matrix has " + cols + " columns");
        }
        if (out.length < rowTo) {
            throw new IllegalArgumentException("out has " + out.length + " values, rows up to " + rowTo + " requested");
        }
        matVecRows(x, out, rowFrom, rowTo);
    }

    @Override
    public final void matMul(PackedBatch x, float[] out, int rowFrom, int rowTo) {
        checkRowRange(rowFrom, rowTo);
        if (x.cols() != cols) {
            throw new IllegalArgumentException("inputs were packed for " + x.cols() + " columns, the matrix has " + cols);
        }
        if (out.length < (long) x.size() * rows) {
            throw new IllegalArgumentException("out has " + out.length + " values, needs " + x.size() + " x " + rows);
        }
        TiledMatMul.multiply(this, x, out, rowFrom, rowTo);
    }

    /**
     * Writes values {@code [colFrom, colFrom + count)} of row {@code row} into {@code out} from {@code offset};
     * for block types both bounds are whole blocks. Arguments are already checked.
     */
    abstract void dequantize(int row, int colFrom, int count, float[] out, int offset);

    /** {@link #matVec} after argument checks. */
    abstract void matVecRows(float[] x, float[] out, int rowFrom, int rowTo);

    /** A kernel computing rows {@code r0} and {@code r1} (possibly equal) of a matrix-vector product. */
    @FunctionalInterface
    interface RowPairKernel {
        void run(int r0, int r1);
    }

    /**
     * Visits {@code [from, to)} as pairs {@code (r, r + half)}, a leftover row paired with itself. Kernels
     * then read two sequential streams far apart and load each activation once for two rows. Measured on
     * Zen 5: two adjacent rows read in lockstep confuse the prefetchers (4x slower), one row at a time
     * leaves long rows slow because the activations (32 KB for 8192 columns) fall out of L1 between rows;
     * far-apart pairs fix both.
     */
    static void forRowPairs(int from, int to, RowPairKernel kernel) {
        int half = (to - from) / 2;
        for (int r = from; r < from + half; r++) {
            kernel.run(r, r + half);
        }
        if ((to - from) % 2 != 0) {
            kernel.run(to - 1, to - 1);
        }
    }

    private void checkRowRange(int rowFrom, int rowTo) {
        if (rowFrom < 0 || rowTo > rows || rowFrom > rowTo) {
            throw new IndexOutOfBoundsException("row range [" + rowFrom + ", " + rowTo + ") outside [0, " + rows + ")");
        }
    }
}
