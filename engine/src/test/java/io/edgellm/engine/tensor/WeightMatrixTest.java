package io.edgellm.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kernel of every type against {@link ScalarReference} on seeded random blocks. */
class WeightMatrixTest {

    /**
     * Allowed |kernel − float64 reference| as a multiple of Σ|w·x|: float32 accumulation over ~1000 terms
     * stays well inside it, while one wrong value in a row of 1000 would exceed it.
     */
    private static final double TOLERANCE = 3e-5;
    private static final int ROWS = 13;

    private static Arena arena;
    private static ComputePool pool;

    @BeforeAll
    static void setUp() {
        arena = Arena.ofShared();
        pool = new ComputePool(3);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
        arena.close();
    }

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (GGMLType type : TestData.TYPES) {
            for (int cols : TestData.colsFor(type)) {
                shapes.add(Arguments.of(type, cols));
            }
        }
        return shapes.stream();
    }

    private static Random seeded(GGMLType type, int cols) {
        return new Random(31L * type.id() + cols);
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("shapes")
    void dequantizeRowEqualsTheScalarReferenceExactly(GGMLType type, int cols) {
        MemorySegment data = TestData.randomWeights(type, ROWS, cols, seeded(type, cols), arena);
        WeightMatrix m = WeightMatrices.of(type, data, ROWS, cols);
        for (int r = 0; r < ROWS; r++) {
            float[] got = new float[cols + 5];
            m.dequantizeRow(r, got, 5);
            float[] want = ScalarReference.row(type, data, cols, r);
            for (int c = 0; c < cols; c++) {
                assertEquals(Float.floatToIntBits(want[c]), Float.floatToIntBits(got[5 + c]),
                        () -> type + " row value differs from the reference");
            }
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("shapes")
    void matVecMatchesFloat64Reference(GGMLType type, int cols) {
        Random rnd = seeded(type, cols);
        MemorySegment data = TestData.randomWeights(type, ROWS, cols, rnd, arena);
        WeightMatrix m = WeightMatrices.of(type, data, ROWS, cols);
        float[] x = TestData.randomVector(cols, rnd);
        float[] out = new float[ROWS];
        m.matVec(x, out, 0, ROWS);
        assertClose(type, data, cols, x, 1, out, 0, ROWS);

        float[] partial = new float[ROWS];
        partial[2] = Float.NaN;
        partial[11] = Float.NaN;
        m.matVec(x, partial, 3, 11);
        assertTrue(Float.isNaN(partial[2]) && Float.isNaN(partial[11]), "rows outside the range are untouched");
        assertSameUpToReductionOrder(type, data, cols, x, out, partial, 3, 11,
                "a row's result does not depend on the range it is computed in");

        float[] parallel = new float[ROWS];
        pool.matVec(m, x, parallel);
        assertSameUpToReductionOrder(type, data, cols, x, out, parallel, 0, ROWS, "splitting rows over threads changes nothing");
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("shapes")
    void matMulMatchesFloat64Reference(GGMLType type, int cols) {
        Random rnd = seeded(type, cols);
        MemorySegment data = TestData.randomWeights(type, ROWS, cols, rnd, arena);
        WeightMatrix m = WeightMatrices.of(type, data, ROWS, cols);
        for (int n : new int[] {1, 3, 17, 70, 130}) {
            float[] x = TestData.randomVector(n * cols, rnd);
            float[] out = new float[n * ROWS];
            m.matMul(x, n, out, 0, ROWS);
            assertClose(type, data, cols, x, n, out, 0, ROWS);

            float[] partial = new float[n * ROWS];
            m.matMul(x, n, partial, 1, 12);
            assertClose(type, data, cols, x, n, partial, 1, 12);
            for (int i = 0; i < n; i++) {
                assertEquals(0f, partial[i * ROWS], "row 0 is outside the range");
                assertEquals(0f, partial[i * ROWS + 12], "row 12 is outside the range");
            }

            float[] parallel = new float[n * ROWS];
            pool.matMul(m, x, n, parallel);
            assertSameUpToReductionOrder(type, data, cols, x, out, parallel, 0, ROWS, "splitting rows over threads changes nothing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void matMulOverManyRowBlocksAndThreads(GGMLType type) {
        int rows = 211;
        int cols = TestData.colsFor(type)[1];
        Random rnd = new Random(type.id());
        MemorySegment data = TestData.randomWeights(type, rows, cols, rnd, arena);
        WeightMatrix m = WeightMatrices.of(type, data, rows, cols);
        int n = 67;
        float[] x = TestData.randomVector(n * cols, rnd);
        float[] out = new float[n * rows];
        pool.matMul(m, pool.pack(x, n, cols), out);
        assertClose(type, data, cols, x, n, out, 0, rows);
    }

    /**
     * Equal but for the last bits, rows in [from, to) of products of {@code x} (one or more vectors): the
     * Vector API sums lanes in a different order before and after the JIT compiles a kernel, so two
     * calls of the same kernel may round differently. Rounding scales with the terms, Σ|w·x|, not with
     * the result: with cancellation a bound on the result's own size fails (seen in full-suite runs,
     * 1460.2072 against 1460.2052 for F32 rows of 1030).
     */
    private static void assertSameUpToReductionOrder(GGMLType type, MemorySegment data, int cols, float[] x, float[] expected,
                                                     float[] actual, int from, int to, String message) {
        assertEquals(expected.length, actual.length, message);
        int n = x.length / cols;
        for (int r = from; r < to; r++) {
            float[] w = ScalarReference.row(type, data, cols, r);
            for (int i = 0; i < n; i++) {
                double scale = ScalarReference.absDot(w, 0, x, i * cols, cols);
                assertEquals(expected[i * ROWS + r], actual[i * ROWS + r], TOLERANCE * scale + 1e-30,
                        message + " (row " + r + ", vector " + i + ")");
            }
        }
    }

    static Stream<GGMLType> types() {
        return TestData.TYPES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void worksOnUnalignedAndHeapSegments(GGMLType type) {
        int cols = TestData.colsFor(type)[1];
        Random rnd = new Random(7 + type.id());
        MemorySegment aligned = TestData.randomWeights(type, ROWS, cols, rnd, arena);
        MemorySegment unaligned = arena.allocate(aligned.byteSize() + 3, 64).asSlice(3, aligned.byteSize());
        unaligned.copyFrom(aligned);
        MemorySegment heap = MemorySegment.ofArray(aligned.toArray(ValueLayout.JAVA_BYTE));
        float[] x = TestData.randomVector(3 * cols, rnd);
        float[] want = new float[3 * ROWS];
        WeightMatrices.of(type, aligned, ROWS, cols).matMul(x, 3, want, 0, ROWS);
        for (MemorySegment segment : List.of(unaligned, heap)) {
            WeightMatrix m = WeightMatrices.of(type, segment, ROWS, cols);
            float[] got = new float[3 * ROWS];
            m.matMul(x, 3, got, 0, ROWS);
            assertSameUpToReductionOrder(type, aligned, cols, x, want, got, 0, ROWS, "the segment's alignment and kind change nothing");
            float[] vec = new float[ROWS];
            m.matVec(x, vec, 0, ROWS);
            assertClose(type, aligned, cols, x, 1, vec, 0, ROWS);
        }
    }

    @Test
    void halfFloatsWidenExactlyForAllBitPatterns() {
        int cols = 1 << 16;
        MemorySegment data = arena.allocate(2L * cols);
        for (int i = 0; i < cols; i++) {
            data.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i, (short) i);
        }
        for (GGMLType type : List.of(GGMLType.F16, GGMLType.BF16)) {
            HalfRows.Format format = type == GGMLType.F16 ? HalfRows.F16 : HalfRows.BF16;
            float[] vector = new float[cols];
            WeightMatrices.of(type, data, 1, cols).dequantizeRow(0, vector, 0);
            float[] want = ScalarReference.row(type, data, cols, 0);
            for (int i = 0; i < cols; i++) {
                assertSameFloat(want[i], vector[i], type + " vector path, pattern " + Integer.toHexString(i));
                assertSameFloat(want[i], HalfRows.widen((short) i, format), type + " scalar path, pattern " + Integer.toHexString(i));
            }
        }
    }

    private static void assertSameFloat(float want, float got, String what) {
        if (Float.isNaN(want)) {
            assertTrue(Float.isNaN(got), what);
        } else {
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got), what);
        }
    }

    @Test
    void rejectsBadShapesSizesAndTypes() {
        MemorySegment data = arena.allocate(GGMLType.Q8_0.bytesFor(64));
        assertThrows(IllegalArgumentException.class, () -> WeightMatrices.of(GGMLType.Q8_0, data, 1, 32),
                "segment larger than the matrix");
        assertThrows(IllegalArgumentException.class, () -> WeightMatrices.of(GGMLType.Q8_0, data, 4, 16),
                "rows that are not whole blocks");
        assertThrows(IllegalArgumentException.class, () -> WeightMatrices.of(GGMLType.Q8_0, data, 0, 64));
        UnsupportedTensorTypeException e = assertThrows(UnsupportedTensorTypeException.class,
                () -> WeightMatrices.of(GGMLType.Q4_1, arena.allocate(GGMLType.Q4_1.bytesFor(32)), 1, 32));
        assertEquals(GGMLType.Q4_1, e.type());

        WeightMatrix m = WeightMatrices.of(GGMLType.Q8_0, data, 2, 32);
        assertThrows(IndexOutOfBoundsException.class, () -> m.matVec(new float[32], new float[2], 1, 3));
        assertThrows(IllegalArgumentException.class, () -> m.matVec(new float[31], new float[2], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> m.matVec(new float[32], new float[1], 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.dequantizeRow(2, new float[32], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.dequantizeRow(0, new float[40], 9));
        assertThrows(IllegalArgumentException.class, () -> m.matMul(PackedBatch.pack(new float[64], 1, 64), new float[2], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> m.matMul(new float[64], 2, new float[3], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> PackedBatch.pack(new float[64], 0, 32), "empty batch");
        assertThrows(IllegalArgumentException.class, () -> PackedBatch.pack(new float[63], 2, 32), "x too short");
    }

    @Test
    void byteSizeIsWhatAMatVecReads() {
        WeightMatrix m = WeightMatrices.of(GGMLType.Q4_K, arena.allocate(GGMLType.Q4_K.bytesFor(3 * 512)), 3, 512);
        assertEquals(3 * 2 * 144, m.byteSize());
        assertEquals(GGMLType.Q4_K, m.type());
    }

    /** {@code got[i * rows + r]} against the float64 product of reference rows and {@code x_i}, rows in [from, to). */
    static void assertClose(GGMLType type, MemorySegment data, int cols, float[] x, int n, float[] got, int from, int to) {
        int rows = got.length / n;
        for (int r = from; r < to; r++) {
            float[] w = ScalarReference.row(type, data, cols, r);
            for (int i = 0; i < n; i++) {
                double want = ScalarReference.dot(w, 0, x, i * cols, cols);
                double scale = ScalarReference.absDot(w, 0, x, i * cols, cols);
                double error = Math.abs(got[i * rows + r] - want);
                int row = r;
                int vector = i;
                assertTrue(error <= TOLERANCE * scale + 1e-30, () -> type + " row " + row + " vector " + vector
                        + ": got " + got[vector * rows + row] + ", want " + want + " (error/scale " + error / scale + ")");
            }
        }
    }
}
