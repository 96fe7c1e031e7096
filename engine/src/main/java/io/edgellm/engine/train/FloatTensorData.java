package io.edgellm.engine.train;

import io.edgellm.engine.gguf.TensorData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/** Little-endian f32 values streamed from an array in chunks, so that writing a file does not copy whole tensors. */
final class FloatTensorData implements TensorData {

    private static final int CHUNK_FLOATS = 1 << 16;

    private final float[] values;

    FloatTensorData(float[] values) {
        this.values = values;
    }

    @Override
    public long byteSize() {
        return (long) values.length * Float.BYTES;
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < values.length; done += CHUNK_FLOATS) {
            int n = Math.min(CHUNK_FLOATS, values.length - done);
            bytes.clear();
            bytes.asFloatBuffer().put(values, done, n);
            bytes.limit(n * Float.BYTES);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
    }
}
