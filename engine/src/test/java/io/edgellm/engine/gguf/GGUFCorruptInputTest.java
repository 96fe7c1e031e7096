package io.edgellm.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GGUFCorruptInputTest {

    @TempDir
    Path tmp;

    private byte[] valid;

    @BeforeEach
    void writeValidFile() throws IOException {
        Path file = tmp.resolve("valid.gguf");
        new GGUFWriter()
                .putString("general.architecture", "llama")
                .putBool("flag", true)
                .put("tokens", GGUFValue.ofStrings("a", "b"))
                .addTensor("w", GGMLType.F32, new long[] {4, 2}, TensorData.ofFloats(new float[8]))
                .write(file);
        valid = Files.readAllBytes(file);
    }

    private String openFails(byte[] bytes) throws IOException {
        Path file = tmp.resolve("bad.gguf");
        Files.write(file, bytes);
        GGUFException e = assertThrows(GGUFException.class, () -> GGUFFile.open(file).close());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    /** Offset of the first occurrence of {@code needle} in the valid file. */
    private int find(byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= valid.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (valid[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyTruncationIsReportedAsSuch() throws IOException {
        for (int length = 0; length < valid.length; length++) {
            String message = openFails(Arrays.copyOf(valid, length));
            assertTrue(message.contains("truncated") || message.contains("not a GGUF file") || message.contains("corrupt"),
                    "length " + length + ": " + message);
        }
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] b = valid.clone();
        b[0] = 'P';
        assertTrue(openFails(b).contains("not a GGUF file"));
    }

    @Test
    void unsupportedVersions() throws IOException {
        byte[] b = valid.clone();
        b[4] = 1;
        assertTrue(openFails(b).contains("version 1 is not supported"));
        b[4] = 9;
        assertTrue(openFails(b).contains("unsupported GGUF version 9"));
        b[4] = 0;
        b[7] = 3;
        assertTrue(openFails(b).contains("big-endian"));
    }

    @Test
    void absurdCountsAreRejectedBeforeAllocating() throws IOException {
        byte[] b = valid.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(16, Long.MAX_VALUE / 2);
        assertTrue(openFails(b).contains("corrupt metadata count"));
    }

    @Test
    void unknownValueType() throws IOException {
        byte[] b = valid.clone();
        int typeAt = find(utf8("flag")) + 4;
        b[typeAt] = 77;
        assertTrue(openFails(b).contains("'flag' has unknown value type id 77"));
    }

    @Test
    void invalidBoolByte() throws IOException {
        byte[] b = valid.clone();
        int valueAt = find(utf8("flag")) + 4 + 4;
        b[valueAt] = 5;
        assertTrue(openFails(b).contains("invalid byte 5"));
    }

    @Test
    void invalidUtf8() throws IOException {
        byte[] b = valid.clone();
        b[find(utf8("llama"))] = (byte) 0xC3;
        b[find(utf8("llama")) + 1] = (byte) 0x28;
        assertTrue(openFails(b).contains("not valid UTF-8"));
    }

    @Test
    void duplicateKey() throws IOException {
        assertTrue(openFails(duplicateKeyFile()).contains("'flag' appears twice"));
    }

    private byte[] duplicateKeyFile() {
        ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(GGUFFile.MAGIC).putInt(3).putLong(0).putLong(2);
        for (int i = 0; i < 2; i++) {
            buf.putLong(4).put(utf8("flag")).putInt(GGUFValueType.BOOL.id()).put((byte) 1);
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }

    @Test
    void badTensorInfos() throws IOException {
        // Layout after the name: u32 dims, i64 shape[dims], u32 type, u64 offset.
        int dimsAt = lastIndexOfName("w") + 1;
        byte[] b = valid.clone();
        b[dimsAt] = 7;
        assertTrue(openFails(b).contains("has 7 dimensions"));

        b = valid.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(dimsAt + 4, 0);
        assertTrue(openFails(b).contains("invalid size 0"));

        b = valid.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(dimsAt + 4 + 16, 99);
        assertTrue(openFails(b).contains("unknown type id 99"));

        b = valid.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(dimsAt + 4 + 16, GGMLType.Q8_0.id());
        assertTrue(openFails(b).contains("not a multiple of the block size 32"));

        b = valid.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(dimsAt + 4, 4096);
        String m = openFails(b);
        assertTrue(m.contains("truncated") && m.contains("tensor 'w'"), m);

        b = valid.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(dimsAt + 4 + 16 + 4, 3);
        assertTrue(openFails(b).contains("not a multiple of the alignment"));
    }

    private int lastIndexOfName(String name) {
        // The tensor name is stored as u64 length 1 followed by the byte; find that pattern.
        for (int i = valid.length - 9; i >= 0; i--) {
            if (valid[i + 8] == name.getBytes(StandardCharsets.UTF_8)[0] && valid[i] == 1 && valid[i + 1] == 0
                    && valid[i + 7] == 0) {
                return i + 8;
            }
        }
        throw new AssertionError("tensor name not found");
    }

    @Test
    void missingFile() {
        Path missing = tmp.resolve("nope.gguf");
        GGUFException e = assertThrows(GGUFException.class, () -> GGUFFile.open(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void typedAccessorsNameKeyAndTypes() throws IOException {
        Path file = tmp.resolve("valid.gguf");
        try (GGUFFile f = GGUFFile.open(file)) {
            GGUFException e = assertThrows(GGUFException.class, () -> f.metadata().getInt("general.architecture"));
            assertEquals(file + ": metadata key 'general.architecture' has type STRING, expected an integer", e.getMessage());
            e = assertThrows(GGUFException.class, () -> f.metadata().getString("llama.block_count"));
            assertEquals(file + ": missing metadata key 'llama.block_count'", e.getMessage());
            e = assertThrows(GGUFException.class, () -> f.tensor("output.weight"));
            assertEquals(file + ": missing tensor 'output.weight'", e.getMessage());
        }
    }
}
