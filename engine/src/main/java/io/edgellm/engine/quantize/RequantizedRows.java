package io.edgellm.engine.quantize;

import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.tensor.Quantizer;
import io.edgellm.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A matrix of any storage type written in another, one row at a time as the writer reaches it:
 * dequantized, changed by {@code update} (e.g. a LoRA update merged in), quantized. Only one row is
 * held in floats at a time.
 */
public record RequantizedRows(WeightMatrix matrix, Quantizer quantizer, RowUpdate update) implements TensorData {

    /** Changes row {@code row} of the dequantized values in place before it is quantized. */
    @FunctionalInterface
    public interface RowUpdate {
        RowUpdate NONE = (row, values) -> { };

        void apply(int row, float[] values);
    }

    /** The matrix converted unchanged. */
    public static RequantizedRows of(WeightMatrix matrix, Quantizer quantizer) {
        return new RequantizedRows(matrix, quantizer, RowUpdate.NONE);
    }

    @Override
    public long byteSize() {
        return quantizer.type().bytesFor((long) matrix.rows() * matrix.cols());
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        float[] row = new float[matrix.cols()];
        byte[] bytes = new byte[(int) quantizer.type().bytesFor(row.length)];
        MemorySegment segment = MemorySegment.ofArray(bytes);
        for (int r = 0; r < matrix.rows(); r++) {
            matrix.dequantizeRow(r, row, 0);
            update.apply(r, row);
            quantizer.quantize(row, 0, row.length, segment, 0);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }
}
