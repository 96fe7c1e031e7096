package io.edgellm.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GGUFRoundTripTest {

    @TempDir
    Path tmp;

    static GGUFWriter everyValueType(int version) {
        GGUFWriter w = new GGUFWriter(version);
        w.putString("general.architecture", "llama");
        w.put("u8", new GGUFValue(GGUFValueType.UINT8, 255L));
        w.put("i8", new GGUFValue(GGUFValueType.INT8, -128L));
        w.put("u16", new GGUFValue(GGUFValueType.UINT16, 65535L));
        w.put("i16", new GGUFValue(GGUFValueType.INT16, -32768L));
        w.putUInt32("u32", 0xFFFF_FFFFL);
        w.putInt32("i32", Integer.MIN_VALUE);
        w.putFloat32("f32", -1.5e-3f);
        w.putBool("bool.true", true);
        w.putBool("bool.false", false);
        w.putString("string.unicode", "héllo ▁wörld 日本 🙂");
        w.putString("string.empty", "");
        w.put("u64", GGUFValue.ofUInt64(-1L));
        w.put("i64", new GGUFValue(GGUFValueType.INT64, Long.MIN_VALUE));
        w.put("f64", new GGUFValue(GGUFValueType.FLOAT64, Math.PI));
        w.put("array.strings", GGUFValue.ofStrings("<s>", "</s>", "▁the", ""));
        w.put("array.floats", GGUFValue.ofFloats(0f, -1f, Float.MAX_VALUE));
        w.put("array.i32", GGUFValue.ofIntegers(GGUFValueType.INT32, 1, -2, 3));
        w.put("array.u8", GGUFValue.ofIntegers(GGUFValueType.UINT8, 0, 255));
        w.put("array.f64", new GGUFValue(GGUFValueType.ARRAY, new GGUFArray(GGUFValueType.FLOAT64, new double[] {1e300})));
        w.put("array.bool", new GGUFValue(GGUFValueType.ARRAY, new GGUFArray(GGUFValueType.BOOL, new boolean[] {true, false})));
        w.put("array.empty", GGUFValue.ofStrings());
        w.put("array.nested", new GGUFValue(GGUFValueType.ARRAY, new GGUFArray(GGUFValueType.ARRAY, new GGUFArray[] {
            new GGUFArray(GGUFValueType.INT16, new long[] {7, -7}),
            new GGUFArray(GGUFValueType.STRING, new String[] {"x"})})));
        return w;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void metadataOfEveryTypeSurvivesRoundTrip(int version) throws IOException {
        GGUFWriter w = everyValueType(version);
        Path file = tmp.resolve("meta.gguf");
        w.write(file);
        try (GGUFFile f = GGUFFile.open(file)) {
            assertEquals(version, f.version());
            GGUFMetadata md = f.metadata();
            assertEquals(List.of("general.architecture", "u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool.true",
                    "bool.false", "string.unicode", "string.empty", "u64", "i64", "f64", "array.strings", "array.floats",
                    "array.i32", "array.u8", "array.f64", "array.bool", "array.empty", "array.nested"),
                    List.copyOf(md.keys()));
            assertEquals("llama", md.architecture());
            assertEquals(255, md.getInt("u8"));
            assertEquals(-128, md.getInt("i8"));
            assertEquals(65535, md.getInt("u16"));
            assertEquals(-32768, md.getInt("i16"));
            assertEquals(0xFFFF_FFFFL, md.getLong("u32"));
            assertEquals(Integer.MIN_VALUE, md.getInt("i32"));
            assertEquals(-1.5e-3f, md.getFloat("f32"));
            assertTrue(md.getBool("bool.true"));
            assertEquals(false, md.getBool("bool.false"));
            assertEquals("héllo ▁wörld 日本 🙂", md.getString("string.unicode"));
            assertEquals("", md.getString("string.empty"));
            assertEquals("18446744073709551615", md.get("u64").display());
            assertEquals(Long.MIN_VALUE, md.getLong("i64"));
            assertEquals((float) Math.PI, md.getFloat("f64"));
            assertArrayEquals(new String[] {"<s>", "</s>", "▁the", ""}, md.getStringArray("array.strings"));
            assertArrayEquals(new float[] {0f, -1f, Float.MAX_VALUE}, md.getFloatArray("array.floats"));
            assertArrayEquals(new int[] {1, -2, 3}, md.getIntArray("array.i32"));
            assertArrayEquals(new int[] {0, 255}, md.getIntArray("array.u8"));
            assertEquals(0, md.arrayLength("array.empty"));
            assertEquals(2, md.arrayLength("array.nested"));
            // Re-writing what was read gives identical bytes: types and order are preserved.
            Path again = tmp.resolve("again.gguf");
            new GGUFWriter(version).putAll(md).write(again);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
        }
    }

    @Test
    void tensorsAreAlignedAndReadBackExactly() throws IOException {
        Random rnd = new Random(42);
        float[] matrix = new float[3 * 5];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) rnd.nextGaussian();
        }
        byte[] q8 = new byte[GGMLType.Q8_0.blockBytes() * 2];
        rnd.nextBytes(q8);
        byte[] odd = new byte[7];
        rnd.nextBytes(odd);
        GGUFWriter w = new GGUFWriter().putString("general.architecture", "test").putUInt32("general.alignment", 64);
        w.addTensor("matrix", GGMLType.F32, new long[] {5, 3}, TensorData.ofFloats(matrix));
        w.addTensor("bytes", GGMLType.I8, new long[] {7}, TensorData.of(odd));
        w.addTensor("blocks", GGMLType.Q8_0, new long[] {64}, TensorData.of(q8));
        Path file = tmp.resolve("t.gguf");
        w.write(file);
        try (GGUFFile f = GGUFFile.open(file)) {
            assertEquals(64, f.alignment());
            assertEquals(3, f.tensorInfos().size());
            GGUFTensorInfo m = f.tensor("matrix");
            assertArrayEquals(new long[] {5, 3}, m.shape());
            assertEquals(GGMLType.F32, m.type());
            assertArrayEquals(matrix, f.tensorData(m).toArray(ValueLayout.JAVA_FLOAT_UNALIGNED));
            assertArrayEquals(odd, f.tensorData("bytes").toArray(ValueLayout.JAVA_BYTE));
            assertArrayEquals(q8, f.tensorData("blocks").toArray(ValueLayout.JAVA_BYTE));
            for (GGUFTensorInfo t : f.tensorInfos()) {
                assertEquals(0, t.offset() % 64, t.name());
                assertEquals(0, f.tensorData(t).address() % 64, "mapped data of " + t.name() + " is aligned");
            }
        }
    }

    @Test
    void writerRejectsDataOfTheWrongSize() {
        GGUFWriter w = new GGUFWriter();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.addTensor("w", GGMLType.F32, new long[] {4, 2}, TensorData.ofFloats(new float[7])));
        assertTrue(e.getMessage().contains("needs 32 bytes, data has 28"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> w.addTensor("q", GGMLType.Q8_0, new long[] {31}, TensorData.of(new byte[34])));
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        Path file = tmp.resolve("broken.gguf");
        TensorData failing = new TensorData() {
            @Override
            public long byteSize() {
                return 8;
            }

            @Override
            public void writeTo(WritableByteChannel out) throws IOException {
                out.write(ByteBuffer.allocate(4));
                throw new IOException("disk on fire");
            }
        };
        GGUFWriter w = new GGUFWriter().addTensor("x", GGMLType.F32, new long[] {2}, failing);
        assertThrows(IOException.class, () -> w.write(file));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList());
        }
    }

    /** A sparse file whose second tensor starts beyond 2 GiB, read without copying into the heap. */
    @Test
    void tensorsBeyondTwoGibibytesAreMapped() throws IOException {
        long big = (1L << 31) + 4096;
        TensorData sparse = new TensorData() {
            @Override
            public long byteSize() {
                return big;
            }

            @Override
            public void writeTo(WritableByteChannel out) throws IOException {
                FileChannel ch = (FileChannel) out;
                ch.position(ch.position() + big - 4);
                ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
            }
        };
        Path file = tmp.resolve("big.gguf");
        new GGUFWriter()
                .addTensor("huge", GGMLType.I8, new long[] {big}, sparse)
                .addTensor("tail", GGMLType.F32, new long[] {2}, TensorData.ofFloats(new float[] {7f, 8f}))
                .write(file);
        try (GGUFFile f = GGUFFile.open(file)) {
            MemorySegment huge = f.tensorData("huge");
            assertEquals(big, huge.byteSize());
            assertEquals(4, huge.get(ValueLayout.JAVA_BYTE, big - 1));
            assertTrue(f.tensor("tail").offset() > Integer.MAX_VALUE);
            assertArrayEquals(new float[] {7f, 8f}, f.tensorData("tail").toArray(ValueLayout.JAVA_FLOAT_UNALIGNED));
        }
    }
}
