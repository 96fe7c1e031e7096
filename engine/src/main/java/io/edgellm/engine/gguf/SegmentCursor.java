package io.edgellm.engine.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads little-endian GGUF header fields from a segment, turning every overrun into a {@link GGUFException}. */
final class SegmentCursor {

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment segment;
    private final Path file;
    private long position;

    SegmentCursor(MemorySegment segment, Path file) {
        this.segment = segment;
        this.file = file;
    }

    long position() {
        return position;
    }

    long remaining() {
        return segment.byteSize() - position;
    }

    private long take(long bytes, String what) {
        if (bytes < 0 || bytes > remaining()) {
            throw new GGUFException(file, "file is truncated: " + what + " at byte " + position + " needs "
                    + bytes + " bytes but only " + remaining() + " remain");
        }
        long at = position;
        position += bytes;
        return at;
    }

    byte i8(String what) {
        return segment.get(ValueLayout.JAVA_BYTE, take(1, what));
    }

    short i16(String what) {
        return segment.get(I16, take(2, what));
    }

    int i32(String what) {
        return segment.get(I32, take(4, what));
    }

    long u32(String what) {
        return Integer.toUnsignedLong(i32(what));
    }

    long i64(String what) {
        return segment.get(I64, take(8, what));
    }

    /** A count or length stored as uint64 that must also be addressable; rejects absurd values early. */
    long count(String what, long minBytesPerItem) {
        long at = position;
        long n = i64(what);
        if (n < 0 || (minBytesPerItem > 0 && n > remaining() / minBytesPerItem)) {
            throw new GGUFException(file, "corrupt " + what + " at byte " + at + ": " + Long.toUnsignedString(n)
                    + " is more than the " + remaining() + " bytes left in the file can hold");
        }
        return n;
    }

    String string(String what) {
        long length = count(what + " length", 1);
        if (length > Integer.MAX_VALUE - 8) {
            throw new GGUFException(file, "corrupt " + what + " at byte " + position + ": length " + length);
        }
        long at = take(length, what);
        byte[] bytes = segment.asSlice(at, length).toArray(ValueLayout.JAVA_BYTE);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new GGUFException(file, what + " at byte " + at + " is not valid UTF-8");
        }
    }
}
