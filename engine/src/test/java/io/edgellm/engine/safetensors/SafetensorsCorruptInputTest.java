package io.edgellm.engine.safetensors;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetensorsCorruptInputTest {

    @TempDir
    Path tmp;

    /** A file with the given header text, its true length, and {@code dataBytes} zero bytes of data. */
    private static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return file(json.length, json, dataBytes);
    }

    private static byte[] file(long declaredLength, byte[] json, int dataBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredLength).array());
        out.writeBytes(json);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    /** Opens the bytes as a file; the error must name the file. Returns the problem. */
    private String openFails(byte[] bytes) throws IOException {
        Path file = tmp.resolve("bad.safetensors");
        Files.write(file, bytes);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(file).close());
        assertTrue(e.getMessage().startsWith(file + ": "), "names the file: " + e.getMessage());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    private static void assertContains(String message, String expected) {
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }

    private static final String VALID = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"I8\",\"shape\":[3],\"data_offsets\":[8,11]}}";

    @Test
    void theValidBaselineOpens() throws IOException {
        Path file = tmp.resolve("ok.safetensors");
        Files.write(file, file(VALID, 11));
        SafetensorsFile.open(file).close();
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        byte[] valid = file(VALID, 11);
        for (int length = 0; length < valid.length; length++) {
            String m = openFails(Arrays.copyOf(valid, length));
            assertTrue(m.contains("too short") || m.contains("truncated"), "length " + length + ": " + m);
        }
    }

    @Test
    void headerLengthAbsurdOrPastTheEnd() throws IOException {
        assertContains(openFails(file(-1L, new byte[0], 0)), "header length 18446744073709551615 is absurd");
        assertContains(openFails(file(200_000_000L, new byte[16], 0)), "header length 200000000 is absurd");
        assertContains(openFails(file(64, "{}".getBytes(StandardCharsets.US_ASCII), 0)), "truncated: the header needs 64 bytes but only 2");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        assertContains(openFails(file("[1,2]", 0)), "does not start with '{'");
        assertContains(openFails(file(2, new byte[] {'{', (byte) 0xff}, 0)), "not valid UTF-8");
        assertContains(openFails(file("{\"a\":{\"dtype\":\"F32\",}}", 0)), "not valid JSON: line 1, column 21");
        assertContains(openFails(file(VALID.replace("\"b\"", "\"a\""), 11)), "duplicate key \"a\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"a\":[1]}                                                          | tensor 'a': entry must be an object, found an array",
        "{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}                       | tensor 'a': missing field 'dtype'",
        "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}                   | tensor 'a': missing field 'shape'",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}                            | tensor 'a': missing field 'data_offsets'",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}} | tensor 'a': unknown field 'x'",
        "{\"a\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}      | tensor 'a': unknown dtype 'Q4' (known: BOOL, U8",
        "{\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}          | tensor 'a': dtype must be a string, found a number",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}    | tensor 'a': shape must hold non-negative integers, found [-1]",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}   | shape must hold non-negative integers, found [1.5]",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":7,\"data_offsets\":[0,4]}}       | tensor 'a': shape must be an array, found a number",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}   | data_offsets must be [begin, end], found 3 numbers",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}     | data_offsets [4, 0] end before they begin",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,4]}}     | tensor 'a': F32 [3] needs 12 bytes but data_offsets [0, 4] span 4",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}} | impossibly large",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,18446744073709551616]}} | non-negative integers",
        "{\"__metadata__\":[],\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} | __metadata__ must be an object of strings, found an array",
        "{\"__metadata__\":{\"k\":1},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} | __metadata__ entry 'k' must be a string, found a number",
    })
    void invalidTensorEntries(String header, String problem) throws IOException {
        assertContains(openFails(file(header, 4)), problem);
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        assertContains(openFails(file(VALID.replace("[8,11]", "[8,12]").replace("[3]", "[4]"), 11)),
                "tensor 'b': data_offsets [8, 12) reach past the data section of 11 bytes");
    }

    @Test
    void overlappingTensors() throws IOException {
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertContains(openFails(file(overlap, 8)), "tensor 'b': data_offsets [4, 8) overlap tensor 'a' [0, 8)");
    }

    @Test
    void holesAndUncoveredBytes() throws IOException {
        String hole = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertContains(openFails(file(hole, 12)), "tensor 'b': data_offsets begin at 8 leaving a hole of 4 bytes after 4");
        assertContains(openFails(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8)),
                "leaving a hole of 4 bytes after 0");
        assertContains(openFails(file(VALID, 13)), "2 bytes after the last tensor (offset 11) belong to no tensor");
    }

    @Test
    void missingFile() {
        Path file = tmp.resolve("absent.safetensors");
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(file));
        assertContains(e.getMessage(), file + ": no such file");
    }
}
