package io.edgellm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteUnicodeTest {

    @Test
    void everyByteHasItsOwnPrintableCharacter() {
        Set<Character> seen = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            char c = ByteUnicode.charOf(b);
            seen.add(c);
            assertEquals(b, ByteUnicode.byteOf(c));
            assertEquals(false, Character.isWhitespace(c) || Character.isISOControl(c), "byte " + b);
        }
        assertEquals(256, seen.size());
    }

    @Test
    void gpt2Spellings() {
        assertEquals('Ġ', ByteUnicode.charOf(' '));
        assertEquals('Ċ', ByteUnicode.charOf('\n'));
        assertEquals('ĉ', ByteUnicode.charOf('\t'));
        assertEquals('A', ByteUnicode.charOf('A'));
        assertEquals('é', ByteUnicode.charOf(0xE9));
        assertEquals('Ń', ByteUnicode.charOf(0xAD), "soft hyphen is the one non-printable byte in 0xA1..0xFF");
        assertEquals("ĠHello", ByteUnicode.encode(" Hello"));
        assertEquals("Ã©", ByteUnicode.encode("é"));
    }

    @Test
    void decodeUndoesEncode() {
        String text = " tab\there, newline\n, 🦙 and ünïcode";
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), ByteUnicode.decode(ByteUnicode.encode(text)));
        assertEquals(-1, ByteUnicode.byteOf('中'));
        assertArrayEquals("中".getBytes(StandardCharsets.UTF_8), ByteUnicode.decode("中"), "outside the alphabet: as itself");
    }
}
