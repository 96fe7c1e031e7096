package io.edgellm.engine.data;

import io.edgellm.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text corpus: UTF-8 documents separated by one empty line, the file ending with a
 * newline. Documents may span lines but hold no empty line, so the separation is unambiguous.
 */
public final class TextCorpusFile {

    private TextCorpusFile() {
    }

    /**
     * @throws DatasetFormatException naming the file and line when the file is empty, not UTF-8,
     *     or has an empty document (two empty lines in a row, or one at the start or end)
     */
    public static List<String> read(Path file) throws IOException {
        List<String> lines = TextLines.read(file);
        List<String> documents = new ArrayList<>();
        StringBuilder doc = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isEmpty()) {
                doc.append(doc.isEmpty() ? "" : "\n").append(line);
                continue;
            }
            if (doc.isEmpty()) {
                throw new DatasetFormatException(file, i + 1, "empty document (documents are separated by exactly one empty line)");
            }
            documents.add(doc.toString());
            doc.setLength(0);
        }
        if (doc.isEmpty()) {
            throw new DatasetFormatException(file, lines.size(), "empty document at the end of the file");
        }
        documents.add(doc.toString());
        return documents;
    }

    /**
     * Writes the documents atomically.
     *
     * @throws IllegalArgumentException if there are no documents, or one would not read back as itself: empty, with an
     *     empty line, starting or ending with a newline, or holding a carriage return
     */
    public static void write(Path file, List<String> documents) throws IOException {
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("no documents to write to " + file);
        }
        for (int i = 0; i < documents.size(); i++) {
            String d = documents.get(i);
            if (d.isEmpty() || d.contains("\n\n") || d.startsWith("\n") || d.endsWith("\n") || d.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("document " + i + " is empty, has an empty line, starts or ends with a newline,"
                        + " or holds a carriage return");
            }
        }
        AtomicFiles.write(file, out -> {
            Writer w = Channels.newWriter(out, StandardCharsets.UTF_8);
            w.write(String.join("\n\n", documents));
            w.write('\n');
            w.flush();
        });
    }
}
