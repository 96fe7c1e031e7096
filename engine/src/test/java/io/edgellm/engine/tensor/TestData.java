package io.edgellm.engine.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/** Seeded random weights and inputs for kernel tests. */
final class TestData {

    /** Every type with kernels. */
    static final List<GGMLType> TYPES = List.of(GGMLType.F32, GGMLType.F16, GGMLType.BF16, GGMLType.Q8_0,
            GGMLType.Q4_0, GGMLType.Q4_K, GGMLType.Q5_K, GGMLType.Q6_K);

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private TestData() {
    }

    /**
     * Random storage for a {@code rows × cols} matrix: random quants (every bit pattern is a valid quant, so
     * Q8_0 gets −128 and Q6_K scales get −128 too) and f16 scales that are now and then zero, negative zero or
     * subnormal. Float formats get finite values including zeros, subnormals and large magnitudes.
     */
    static MemorySegment randomWeights(GGMLType type, int rows, int cols, Random rnd, Arena arena) {
        long bytes = type.bytesFor((long) rows * cols);
        MemorySegment data = arena.allocate(bytes, 64);
        byte[] noise = new byte[(int) bytes];
        rnd.nextBytes(noise);
        MemorySegment.copy(noise, 0, data, ValueLayout.JAVA_BYTE, 0, noise.length);
        long blocks = bytes / type.blockBytes();
        for (long b = 0; b < blocks; b++) {
            long at = b * type.blockBytes();
            switch (type) {
                case F32 -> data.set(FLOAT, at, randomValue(rnd));
                case F16 -> data.set(SHORT, at, Float.floatToFloat16(randomValue(rnd)));
                case BF16 -> data.set(SHORT, at, FloatQuantizer.toBF16(randomValue(rnd)));
                case Q8_0, Q4_0 -> data.set(SHORT, at, randomScale(rnd));
                case Q4_K, Q5_K -> {
                    data.set(SHORT, at, randomScale(rnd));
                    data.set(SHORT, at + 2, randomScale(rnd));
                }
                case Q6_K -> data.set(SHORT, at + 208, randomScale(rnd));
                default -> throw new IllegalArgumentException(type.toString());
            }
        }
        if (type == GGMLType.Q8_0) {
            data.set(ValueLayout.JAVA_BYTE, 2, (byte) -128);
        }
        return data;
    }

    /** An f16 scale: mostly normal values of either sign, sometimes ±0 or a subnormal. */
    static short randomScale(Random rnd) {
        return switch (rnd.nextInt(16)) {
            case 0 -> (short) 0x0000;
            case 1 -> (short) 0x8000;
            case 2 -> (short) (1 + rnd.nextInt(0x3FF));
            case 3 -> (short) (0x8000 | (1 + rnd.nextInt(0x3FF)));
            default -> Float.floatToFloat16((rnd.nextBoolean() ? 1 : -1) * (0.001f + 0.1f * rnd.nextFloat()));
        };
    }

    /** Mostly uniform in [−1, 1), sometimes ±0, an f16 subnormal or a large value. */
    static float randomValue(Random rnd) {
        return switch (rnd.nextInt(32)) {
            case 0 -> 0f;
            case 1 -> -0f;
            case 2 -> 3e-6f * (rnd.nextFloat() - 0.5f);
            case 3 -> 6e4f * (rnd.nextFloat() - 0.5f);
            default -> 2 * rnd.nextFloat() - 1;
        };
    }

    static float[] randomVector(int n, Random rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * rnd.nextFloat() - 1;
        }
        return x;
    }

    /** Values shaped like trained weights: Gaussian, with a few outliers. */
    static float[] gaussian(int n, Random rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * (rnd.nextInt(100) == 0 ? 6 : 1));
        }
        return x;
    }

    /** Column counts for tests: several blocks, an odd number of blocks, and more than one matmul column chunk. */
    static int[] colsFor(GGMLType type) {
        return switch (type.blockSize()) {
            case 1 -> new int[] {1, 37, 100, 1030};
            case 32 -> new int[] {32, 96, 1056};
            default -> new int[] {256, 768, 1280};
        };
    }
}
