package io.edgellm.engine.model;

import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.Quantizer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.WritableByteChannel;
import java.util.SplittableRandom;

/**
 * Gaussian values generated while the file is written, a band of rows at a time and stored in
 * the tensor's type, so that a model larger than the heap can be produced. Each tensor draws
 * from its own generator seeded by the model seed and the tensor name, so a tensor's values do
 * not depend on which others exist, nor on the storage type.
 */
final class RandomTensor implements TensorData {

    private static final int CHUNK_VALUES = 1 << 20;

    private final long seed;
    private final int rows;
    private final int cols;
    private final GGMLType type;
    private final double mean;
    private final double sigma;
    private final ComputePool pool;

    /** A {@code rows × cols} tensor ({@code rows = 1} for a vector), quantized on {@code pool}'s threads. */
    RandomTensor(long modelSeed, String name, int rows, int cols, GGMLType type, double mean, double sigma, ComputePool pool) {
        this.seed = modelSeed * 0x9E3779B97F4A7C15L + name.hashCode();
        this.rows = rows;
        this.cols = cols;
        this.type = type;
        this.mean = mean;
        this.sigma = sigma;
        this.pool = pool;
    }

    @Override
    public long byteSize() {
        return type.bytesFor((long) rows * cols);
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Quantizer quantizer = Quantizer.forType(type);
        int band = Math.max(1, CHUNK_VALUES / cols);
        float[] values = new float[band * cols];
        try (Arena arena = Arena.ofShared()) {
            MemorySegment bytes = arena.allocate(type.bytesFor((long) band * cols), 64);
            for (int done = 0; done < rows; done += band) {
                int n = Math.min(band, rows - done);
                for (int i = 0; i < n * cols; i++) {
                    values[i] = (float) (mean + sigma * random.nextGaussian());
                }
                quantizer.quantizeRows(values, n, cols, bytes, 0, pool);
                TensorData.of(bytes.asSlice(0, type.bytesFor((long) n * cols))).writeTo(out);
            }
        }
    }
}
