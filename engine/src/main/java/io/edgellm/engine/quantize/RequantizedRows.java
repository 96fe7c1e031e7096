package io.edgellm.engine.quantize;

import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.Quantizer;
import io.edgellm.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.WritableByteChannel;

/**
 * A matrix of any storage type written in another as the writer reaches it: rows dequantized, changed by
 * {@code update} (e.g. a LoRA update merged in), quantized. Rows are converted a panel of about
 * {@value #PANEL_BYTES} output bytes at a time, over the pool's threads when there is a pool (the K-quant
 * searches run at about 10M values/s per core), so memory stays bounded whatever the tensor's size.
 *
 * @param pool the threads to convert with, or null for the calling thread alone ({@code update} must then
 *             be safe to call from several threads at once only when a pool is given)
 */
public record RequantizedRows(WeightMatrix matrix, Quantizer quantizer, RowUpdate update, ComputePool pool)
        implements TensorData {

    private static final long PANEL_BYTES = 16L << 20;

    /** Changes row {@code row} of the dequantized values in place before it is quantized. */
    @FunctionalInterface
    public interface RowUpdate {
        RowUpdate NONE = (row, values) -> { };

        void apply(int row, float[] values);
    }

    /** The matrix with {@code update} applied, converted on the calling thread. */
    public RequantizedRows(WeightMatrix matrix, Quantizer quantizer, RowUpdate update) {
        this(matrix, quantizer, update, null);
    }

    /** The matrix converted unchanged on the calling thread. */
    public static RequantizedRows of(WeightMatrix matrix, Quantizer quantizer) {
        return new RequantizedRows(matrix, quantizer, RowUpdate.NONE, null);
    }

    /** The matrix converted unchanged over {@code pool}'s threads. */
    public static RequantizedRows of(WeightMatrix matrix, Quantizer quantizer, ComputePool pool) {
        return new RequantizedRows(matrix, quantizer, RowUpdate.NONE, pool);
    }

    @Override
    public long byteSize() {
        return quantizer.type().bytesFor((long) matrix.rows() * matrix.cols());
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        int cols = matrix.cols();
        long rowBytes = quantizer.type().bytesFor(cols);
        int panelRows = (int) Math.max(1, Math.min(matrix.rows(), PANEL_BYTES / rowBytes));
        try (Arena arena = Arena.ofShared()) {
            MemorySegment panel = arena.allocate(panelRows * rowBytes, 64);
            for (int first = 0; first < matrix.rows(); first += panelRows) {
                int count = Math.min(panelRows, matrix.rows() - first);
                int base = first;
                if (pool == null) {
                    convert(base, 0, count, panel, rowBytes);
                } else {
                    pool.forEachRange(count, (from, to) -> convert(base, from, to, panel, rowBytes));
                }
                TensorData.of(panel.asSlice(0, count * rowBytes)).writeTo(out);
            }
        }
    }

    /** Rows {@code base + [from, to)} into the panel, each at its offset from {@code base}. */
    private void convert(int base, int from, int to, MemorySegment panel, long rowBytes) {
        float[] row = new float[matrix.cols()];
        for (int i = from; i < to; i++) {
            matrix.dequantizeRow(base + i, row, 0);
            update.apply(base + i, row);
            quantizer.quantize(row, 0, row.length, panel, i * rowBytes);
        }
    }
}
