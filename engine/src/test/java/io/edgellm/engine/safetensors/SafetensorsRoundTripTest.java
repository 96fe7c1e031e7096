package io.edgellm.engine.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.TensorData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir
    Path tmp;

    @Test
    void everyDtypeRoundTripsItsBytes() throws IOException {
        Random rnd = new Random(7);
        SafetensorsWriter w = new SafetensorsWriter();
        Map<DType, byte[]> written = new java.util.EnumMap<>(DType.class);
        for (DType d : DType.values()) {
            byte[] bytes = new byte[2 * 3 * d.byteSize()];
            rnd.nextBytes(bytes);
            written.put(d, bytes);
            w.add("t." + d.name().toLowerCase(), d, new long[] {2, 3}, TensorData.of(bytes));
        }
        Path file = tmp.resolve("all.safetensors");
        w.write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(DType.values().length, f.tensors().size());
            for (DType d : DType.values()) {
                SafetensorsTensor t = f.tensor("t." + d.name().toLowerCase());
                assertEquals(d, t.dtype());
                assertArrayEquals(new long[] {2, 3}, t.shape());
                assertArrayEquals(written.get(d), f.data(t).toArray(ValueLayout.JAVA_BYTE), d.name());
                assertEquals(0, (8 + headerLength(file) + t.begin()) % d.byteSize(), d + " data is aligned to its size");
            }
            List<DType> layout = f.tensors().stream().map(SafetensorsTensor::dtype).toList();
            assertEquals(DType.U64, layout.getFirst(), "largest alignment first");
            assertEquals(DType.BOOL, layout.getLast());
        }
    }

    private static long headerLength(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void metadataRoundTripsIncludingCharactersThatNeedEscaping() throws IOException {
        Path file = tmp.resolve("md.safetensors");
        new SafetensorsWriter()
                .putMetadata("format", "pt")
                .putMetadata("note", "quote \" backslash \\ newline \n tab \t ctrl \u0001 日本 🙂")
                .addFloats("w", DType.F32, new long[] {1}, new float[] {3f})
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt", "note", "quote \" backslash \\ newline \n tab \t ctrl \u0001 日本 🙂"), f.metadata());
        }
        assertEquals(0, headerLength(file) % 8, "header padded to 8 bytes");
    }

    @Test
    void emptyTensorsAndScalars() throws IOException {
        Path file = tmp.resolve("empty.safetensors");
        new SafetensorsWriter()
                .add("none", DType.F32, new long[] {0}, TensorData.of(new byte[0]))
                .add("hollow", DType.I64, new long[] {3, 0, 2}, TensorData.of(new byte[0]))
                .addFloats("scalar", DType.F32, new long[] {}, new float[] {2.5f})
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(0, f.tensor("none").elementCount());
            assertEquals(0, f.data("hollow").byteSize());
            assertArrayEquals(new long[] {3, 0, 2}, f.tensor("hollow").shape());
            assertArrayEquals(new float[0], f.floats("none"));
            assertArrayEquals(new long[] {}, f.tensor("scalar").shape());
            assertArrayEquals(new float[] {2.5f}, f.floats("scalar"));
        }
        Path nothing = tmp.resolve("nothing.safetensors");
        new SafetensorsWriter().write(nothing);
        assertArrayEquals("\u0008\0\0\0\0\0\0\0{}      ".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(nothing));
        try (SafetensorsFile f = SafetensorsFile.open(nothing)) {
            assertTrue(f.tensors().isEmpty());
            assertTrue(f.metadata().isEmpty());
        }
    }

    /**
     * The layout the Python library (safetensors, whose writer is the Rust crate) produces for
     * {@code save_file({"b": float32 [1, -2], "a": int8 [1, 2, 3], "c": float32 []}, metadata={"format": "pt"})},
     * spelled out from the spec: descending dtype then name, compact JSON, space padding.
     */
    @Test
    void matchesTheReferenceLibraryByteForByte() throws IOException {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"c\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,8]},"
                + "\"a\":{\"dtype\":\"I8\",\"shape\":[3],\"data_offsets\":[8,11]}}";
        assertEquals(191, json.length());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {(byte) 192, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes(json.getBytes(StandardCharsets.US_ASCII));
        expected.write(' ');
        expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0}); // 1.0f, -2.0f
        expected.writeBytes(new byte[] {1, 2, 3});

        SafetensorsWriter w = new SafetensorsWriter()
                .add("a", DType.I8, new long[] {3}, TensorData.of(new byte[] {1, 2, 3}))
                .addFloats("c", DType.F32, new long[] {0}, new float[0])
                .addFloats("b", DType.F32, new long[] {2}, new float[] {1f, -2f})
                .putMetadata("format", "pt");
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        try (WritableByteChannel out = Channels.newChannel(actual)) {
            w.writeTo(out);
        }
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }

    @Test
    void outputDoesNotDependOnInsertionOrder() throws IOException {
        Path one = tmp.resolve("one.safetensors");
        Path two = tmp.resolve("two.safetensors");
        new SafetensorsWriter().putMetadata("z", "1").putMetadata("a", "2")
                .addFloats("x", DType.F32, new long[] {1}, new float[] {1})
                .addFloats("é", DType.BF16, new long[] {1}, new float[] {1})
                .addFloats("\uFFFD", DType.BF16, new long[] {1}, new float[] {2})
                .addFloats("🙂", DType.BF16, new long[] {1}, new float[] {3})
                .write(one);
        new SafetensorsWriter().putMetadata("a", "2").putMetadata("z", "1")
                .addFloats("🙂", DType.BF16, new long[] {1}, new float[] {3})
                .addFloats("\uFFFD", DType.BF16, new long[] {1}, new float[] {2})
                .addFloats("é", DType.BF16, new long[] {1}, new float[] {1})
                .addFloats("x", DType.F32, new long[] {1}, new float[] {1})
                .write(two);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        try (SafetensorsFile f = SafetensorsFile.open(one)) {
            // Names compare as UTF-8 bytes (code points), not as UTF-16 units: U+FFFD sorts before U+1F642.
            assertEquals(List.of("x", "é", "\uFFFD", "🙂"), f.tensors().stream().map(SafetensorsTensor::name).toList());
        }
    }

    @Test
    void floatConversionsOfHalfTypes() throws IOException {
        float[] values = {1f, -2.5f, 65504f, 0f, -0f, Float.POSITIVE_INFINITY, Float.NaN, 1 + 0x1p-8f, 1 + 3 * 0x1p-8f};
        Path file = tmp.resolve("floats.safetensors");
        new SafetensorsWriter()
                .addFloats("f32", DType.F32, new long[] {values.length}, values)
                .addFloats("f16", DType.F16, new long[] {values.length}, values)
                .addFloats("bf16", DType.BF16, new long[] {values.length}, values)
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(values, f.floats("f32"));
            float[] half = f.floats("f16");
            assertArrayEquals(new float[] {1f, -2.5f, 65504f, 0f, -0f, Float.POSITIVE_INFINITY, Float.NaN, 1 + 0x1p-8f, 1 + 3 * 0x1p-8f},
                    half, "F16 keeps 10 mantissa bits: 1+2^-8 and 1+3*2^-8 are exact");
            float[] brain = f.floats("bf16");
            // BF16 keeps 7 mantissa bits: halfway cases round to the even neighbour.
            assertArrayEquals(new float[] {1f, -2.5f, 65536f, 0f, -0f, Float.POSITIVE_INFINITY, Float.NaN, 1f, 1 + 0x1p-6f}, brain);
            assertEquals(0x3f80, Short.toUnsignedInt(f.data("bf16").get(ValueLayout.JAVA_SHORT_UNALIGNED, 0)));
            SafetensorsException e = assertThrows(SafetensorsException.class, () -> f.floats("missing"));
            assertTrue(e.getMessage().contains("no tensor named 'missing'"), e.getMessage());
        }
    }

    @Test
    void floatsRefusesNonFloatTensors() throws IOException {
        Path file = tmp.resolve("ints.safetensors");
        new SafetensorsWriter().add("ids", DType.I32, new long[] {1}, TensorData.of(new byte[4])).write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            SafetensorsException e = assertThrows(SafetensorsException.class, () -> f.floats("ids"));
            assertEquals(file + ": tensor 'ids' is I32, not F32, F16 or BF16", e.getMessage());
        }
    }

    @Test
    void writerRejectsInconsistentTensors() {
        SafetensorsWriter w = new SafetensorsWriter().add("x", DType.U8, new long[] {1}, TensorData.of(new byte[1]));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> w.add("x", DType.U8, new long[] {1}, TensorData.of(new byte[1]))).getMessage().contains("added twice"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> w.add("__metadata__", DType.U8, new long[] {1}, TensorData.of(new byte[1]))).getMessage().contains("reserved"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> w.add("n", DType.U8, new long[] {-1}, TensorData.of(new byte[0]))).getMessage().contains("negative"));
        assertEquals("tensor 'f' (F16 [2, 2]) needs 8 bytes, data has 6", assertThrows(IllegalArgumentException.class,
                () -> w.addFloats("f", DType.F16, new long[] {2, 2}, new float[3])).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> w.addFloats("i", DType.I32, new long[] {1}, new float[1])).getMessage().contains("not a float type"));
    }

    @Test
    void failedWriteLeavesNothing() throws IOException {
        Path file = tmp.resolve("fail.safetensors");
        TensorData failing = new TensorData() {
            @Override
            public long byteSize() {
                return 4;
            }

            @Override
            public void writeTo(WritableByteChannel out) throws IOException {
                throw new IOException("source vanished");
            }
        };
        SafetensorsWriter w = new SafetensorsWriter().add("x", DType.F32, new long[] {1}, failing);
        assertThrows(IOException.class, () -> w.write(file));
        try (var files = Files.list(tmp)) {
            assertFalse(files.findAny().isPresent(), "no file and no temporary left");
        }
    }
}
