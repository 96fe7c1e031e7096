package io.edgellm.engine.gguf;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * The bytes of one tensor to be written, produced on demand so that a writer can stream models
 * larger than the heap (e.g. quantizing a tensor only when its turn comes).
 */
public interface TensorData {

    /** Exact number of bytes {@link #writeTo} will write. */
    long byteSize();

    void writeTo(WritableByteChannel out) throws IOException;

    /** Bytes already in memory or mapped from another file. */
    static TensorData of(MemorySegment segment) {
        return new TensorData() {
            @Override
            public long byteSize() {
                return segment.byteSize();
            }

            @Override
            public void writeTo(WritableByteChannel out) throws IOException {
                long chunk = 1 << 24;
                for (long pos = 0; pos < segment.byteSize(); pos += chunk) {
                    ByteBuffer buffer = segment.asSlice(pos, Math.min(chunk, segment.byteSize() - pos)).asByteBuffer();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
            }
        };
    }

    static TensorData of(byte[] bytes) {
        return of(MemorySegment.ofArray(bytes));
    }

    /** Little-endian F32 values. */
    static TensorData ofFloats(float[] values) {
        MemorySegment segment = MemorySegment.ofArray(new byte[Math.multiplyExact(values.length, Float.BYTES)]);
        MemorySegment.copy(values, 0, segment, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0, values.length);
        return of(segment);
    }
}
