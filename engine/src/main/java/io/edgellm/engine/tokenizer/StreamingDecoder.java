package io.edgellm.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes ids one at a time as a model produces them and returns only whole characters: a character
 * whose UTF-8 bytes are split over several tokens (byte-fallback tokens in SentencePiece, byte-level
 * tokens in BPE) is held back until its last byte arrives. The concatenation of everything returned by
 * {@link #accept} and {@link #finish} equals {@link Tokenizer#decode(int[], boolean)} of the same ids.
 * Not thread-safe: one decoder per sequence.
 */
public final class StreamingDecoder {

    private final PieceWriter writer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public StreamingDecoder(Tokenizer tokenizer, boolean renderSpecial) {
        this.writer = new PieceWriter(tokenizer, renderSpecial);
    }

    /** Takes the next id and returns the text it completes, possibly empty. */
    public String accept(int id) {
        writer.write(id, pending);
        byte[] bytes = pending.toByteArray();
        int complete = completeLength(bytes);
        pending.reset();
        pending.write(bytes, complete, bytes.length - complete);
        return new String(bytes, 0, complete, StandardCharsets.UTF_8);
    }

    /** Ends the sequence: bytes still held back (a character that never completed) come out as U+FFFD. */
    public String finish() {
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return rest;
    }

    /**
     * How many leading bytes can be decoded now: all of them unless they end inside a multi-byte
     * sequence whose lead byte promises more. Cutting just before a lead byte never splits what a
     * decoder of the whole sequence would read as one character.
     */
    static int completeLength(byte[] bytes) {
        int n = bytes.length;
        for (int i = n - 1; i >= Math.max(0, n - 4); i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int needed = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC0 && b < 0xE0 ? 2 : 1;
                return n - i < needed ? i : n;
            }
        }
        return n;
    }
}
