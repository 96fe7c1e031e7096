package io.edgellm.engine.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a UTF-8 text file as lines for the dataset formats: strict decoding (a bad byte is an
 * error naming its line, not a silent U+FFFD), a CR before LF dropped, no line after a final
 * newline, and an empty file refused.
 */
final class TextLines {

    private TextLines() {
    }

    static List<String> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            throw new DatasetFormatException(file, "file is empty");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            // LF never occurs inside a multi-byte UTF-8 sequence, so splitting bytes on it is safe.
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            try {
                lines.add(utf8.decode(ByteBuffer.wrap(bytes, start, stop - start)).toString());
            } catch (CharacterCodingException e) {
                throw new DatasetFormatException(file, lines.size() + 1, "not valid UTF-8");
            }
            start = end + 1;
        }
        return lines;
    }
}
