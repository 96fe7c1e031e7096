package io.edgellm.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector shapes and little-endian loads shared by the kernels.
 *
 * <p>Kernels are written for {@link #LANES} float lanes, 16 with AVX-512 and 8 otherwise; the quantized
 * block layouts (16 or 32 values per run of bytes) divide evenly by both. Narrower hardware still gets
 * correct results from the 256-bit shape, only slower.
 */
final class Simd {

    /** Float species of the kernels: 512 bits where the CPU has them, else 256 bits. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    static final int LANES = F.length();
    /** {@link #LANES} bytes, widened to one float vector. */
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * 8));
    /** {@link #LANES} shorts (f16/bf16 values), widened to one float vector. */
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(LANES * 16));
    static final VectorSpecies<Integer> I = F.withLanes(int.class);

    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

    private Simd() {
    }

    /** The IEEE half-precision value stored at {@code offset} (ggml's {@code ggml_half}). */
    static float f16(MemorySegment data, long offset) {
        return Float.float16ToFloat(data.get(SHORT_LE, offset));
    }

    /** {@link #LANES} bytes at {@code offset}. */
    static ByteVector bytes(MemorySegment data, long offset) {
        return ByteVector.fromMemorySegment(B, data, offset, LE);
    }

    /** 16 bytes at {@code offset}, for per-block fields (scales) that come 16 at a time. */
    static ByteVector bytes16(MemorySegment data, long offset) {
        return ByteVector.fromMemorySegment(ByteVector.SPECIES_128, data, offset, LE);
    }

    /** {@link #LANES} unsigned bytes at {@code offset}, zero-extended to ints. */
    static IntVector unsignedBytes(MemorySegment data, long offset) {
        return (IntVector) bytes(data, offset).convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
    }

    static FloatVector toFloats(IntVector v) {
        return (FloatVector) v.convertShape(VectorOperators.I2F, F, 0);
    }

    /**
     * Table lookup: lane i gets entry {@code index[i]} of a table of {@code 2 · LANES} floats held in two
     * vectors (only the low bits of the index count). One {@code vpermi2d} on AVX-512.
     */
    static FloatVector lookup(IntVector index, FloatVector low, FloatVector high) {
        return index.selectFrom(low.reinterpretAsInts(), high.reinterpretAsInts()).reinterpretAsFloats();
    }

    /** Sign-extends {@link #LANES} byte lanes to floats. */
    static FloatVector toFloats(ByteVector v) {
        return (FloatVector) v.convertShape(VectorOperators.B2F, F, 0);
    }

    /** Low 4 bits of each byte. */
    static ByteVector lowNibbles(ByteVector q) {
        return q.and((byte) 0x0F);
    }

    /**
     * High 4 bits of each byte. Shifting 32-bit lanes and masking is two instructions; a byte-lane shift
     * has no x86 instruction and costs five.
     */
    static ByteVector highNibbles(ByteVector q) {
        return q.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0x0F);
    }

    /** {@link #LANES} 16-bit values at {@code offset}, sign-extended to ints. */
    static IntVector shorts(MemorySegment data, long offset) {
        return (IntVector) ShortVector.fromMemorySegment(S, data, offset, LE).convertShape(VectorOperators.S2I, I, 0);
    }

    /** Sum of {@code x[offset, offset + count)}, vectorized; {@code count} is a multiple of {@link #LANES}. */
    static float sum(float[] x, int offset, int count) {
        FloatVector acc = FloatVector.fromArray(F, x, offset);
        for (int i = LANES; i < count; i += LANES) {
            acc = acc.add(FloatVector.fromArray(F, x, offset + i));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
