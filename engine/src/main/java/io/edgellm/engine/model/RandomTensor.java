package io.edgellm.engine.model;

import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.SplittableRandom;

/**
 * Gaussian F32 values generated while the file is written, a few rows at a time, so that a
 * model larger than the heap can be produced. Each tensor draws from its own generator seeded by
 * the model seed and the tensor name, so a tensor's values do not depend on which others exist.
 */
final class RandomTensor implements TensorData {

    private static final int CHUNK_BYTES = 1 << 20;

    private final long seed;
    private final long elements;
    private final double mean;
    private final double sigma;

    RandomTensor(long modelSeed, String name, long elements, double mean, double sigma) {
        this.seed = modelSeed * 0x9E3779B97F4A7C15L + name.hashCode();
        this.elements = elements;
        this.mean = mean;
        this.sigma = sigma;
    }

    @Override
    public long byteSize() {
        return GGMLType.F32.bytesFor(elements);
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        for (long done = 0; done < elements; ) {
            int n = (int) Math.min(floats.capacity(), elements - done);
            floats.clear();
            for (int i = 0; i < n; i++) {
                floats.put((float) (mean + sigma * random.nextGaussian()));
            }
            bytes.clear().limit(n * Float.BYTES);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            done += n;
        }
    }
}
