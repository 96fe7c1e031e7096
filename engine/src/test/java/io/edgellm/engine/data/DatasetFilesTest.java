package io.edgellm.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSONL datasets and plain-text corpus files: round trips and malformed input. */
class DatasetFilesTest {

    @TempDir
    Path tmp;

    @Test
    void jsonlRoundTripsGeneratedAndAwkwardExamples() throws IOException {
        List<Example> examples = new java.util.ArrayList<>(new TriageTask().generate(2, 50));
        examples.add(new Example("quote \" slash \\ tab \t newline \n ctrl \u0001 日本 🙂", "", null));
        Path file = tmp.resolve("sub/data.jsonl");
        JsonlDataset.write(file, examples);
        assertEquals(examples, JsonlDataset.read(file));
        assertEquals(examples.size(), Files.readAllLines(file).size(), "one line per example");
        assertTrue(Files.readString(file).startsWith("{\"prompt\":\"patient: "));
    }

    @Test
    void jsonlAcceptsCrLfLineEndings() throws IOException {
        Path file = tmp.resolve("crlf.jsonl");
        Files.writeString(file, "{\"prompt\":\"a\",\"completion\":\"b\"}\r\n{\"completion\":\"d\",\"prompt\":\"c\",\"category\":\"x\"}");
        assertEquals(List.of(new Example("a", "b", null), new Example("c", "d", "x")), JsonlDataset.read(file));
    }

    private String jsonlFails(String content) throws IOException {
        Path file = tmp.resolve("bad.jsonl");
        Files.writeString(file, content);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> JsonlDataset.read(file));
        assertTrue(e.getMessage().startsWith(file + ":"), "names the file: " + e.getMessage());
        return e.getMessage().substring(file.toString().length());
    }

    private static final String GOOD = "{\"prompt\":\"p\",\"completion\":\"c\"}\n";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"prompt\":\"p\",\"completion\":\"c\"                    | :2: bad JSON at column 31: expected '}', found end of text",
        "{\"prompt\":\"p\"}                                         | :2: missing field \"completion\"",
        "{\"completion\":\"c\"}                                     | :2: missing field \"prompt\"",
        "{\"prompt\":1,\"completion\":\"c\"}                        | :2: field \"prompt\" must be a string, found a number",
        "{\"prompt\":\"p\",\"completion\":\"c\",\"category\":null}  | :2: field \"category\" must be a string, found null",
        "{\"prompt\":\"p\",\"completion\":\"c\",\"answer\":\"x\"}   | :2: unknown field \"answer\"",
        "[\"p\",\"c\"]                                              | :2: expected a JSON object, found an array",
        "``                                                         | :2: blank line",
        "{'prompt':'p'}                                             | :2: bad JSON at column 2",
    })
    void jsonlMalformedLineNamesFileAndLine(String badLine, String expected) throws IOException {
        String message = jsonlFails(GOOD + badLine + "\n" + GOOD);
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void emptyAndUndecodableFiles() throws IOException {
        assertEquals(": file is empty", jsonlFails(""));
        Path file = tmp.resolve("latin1.jsonl");
        Files.write(file, (GOOD + "{\"prompt\":\"caf\u00e9\",\"completion\":\"c\"}\n").getBytes(StandardCharsets.ISO_8859_1));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> JsonlDataset.read(file));
        assertEquals(file + ":2: not valid UTF-8", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonlDataset.write(tmp.resolve("none.jsonl"), List.of()));
    }

    @Test
    void corpusRoundTrip() throws IOException {
        List<String> docs = new SimpleEnglishCorpus(1).documents(200);
        Path file = tmp.resolve("corpus.txt");
        TextCorpusFile.write(file, docs);
        assertEquals(docs, TextCorpusFile.read(file));
        assertTrue(Files.readString(file).endsWith(".\n") || Files.readString(file).endsWith("!\n"));
    }

    @Test
    void corpusRejectsDocumentsThatWouldNotReadBack() {
        for (List<String> bad : List.of(List.<String>of(), List.of(""), List.of("a\n\nb"), List.of("a\n"), List.of("\na"), List.of("a\r\nb"))) {
            assertThrows(IllegalArgumentException.class, () -> TextCorpusFile.write(tmp.resolve("c.txt"), bad), bad.toString());
        }
        assertTrue(Files.notExists(tmp.resolve("c.txt")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`one\n\n\ntwo\n`  | :3: empty document",
        "`\none\n`         | :1: empty document",
        "`one\n\n`         | :2: empty document at the end",
        "``                | : file is empty",
    })
    void corpusMalformedFiles(String content, String expected) throws IOException {
        Path file = tmp.resolve("bad.txt");
        Files.writeString(file, content);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TextCorpusFile.read(file));
        assertTrue(e.getMessage().startsWith(file + expected), e.getMessage());
    }
}
