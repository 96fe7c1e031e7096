package io.edgellm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.edgellm.engine.testing.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every test vector of every vocabulary in ../shared/fixtures (strings on which llama.cpp and Hugging
 * Face tokenizers agree): encode gives exactly the expected ids (no BOS, no special parsing) and decode
 * gives the string back.
 */
class VocabularyFixtureTest {

    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    record Vector(int index, String text, int[] ids) {
    }

    @TestFactory
    Stream<DynamicTest> sentencePiece32k() throws IOException {
        return vectorTests(FixtureTokenizers.SPM32K);
    }

    @TestFactory
    Stream<DynamicTest> llama3() throws IOException {
        return vectorTests(FixtureTokenizers.LLAMA3);
    }

    private static Stream<DynamicTest> vectorTests(String vocabulary) throws IOException {
        List<Vector> vectors = readVectors(SharedFixtures.file(vocabulary + ".inp"), SharedFixtures.file(vocabulary + ".out"));
        return vectors.stream().map(v -> dynamicTest("#" + v.index() + " " + printable(v.text()), () -> {
            Tokenizer tokenizer = FixtureTokenizers.get(vocabulary);
            int[] ids = tokenizer.encode(v.text(), false, false);
            assertArrayEquals(v.ids(), ids, () -> "encode " + printable(v.text()) + ": got " + Arrays.toString(ids));
            assertEquals(v.text(), tokenizer.decode(ids), "decode");
        }));
    }

    static List<Vector> readVectors(Path inp, Path out) throws IOException {
        String inputs = Files.readString(inp, StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>(Arrays.asList(inputs.split(SEPARATOR, -1)));
        // Every string is followed by the separator, so splitting leaves an empty tail.
        assertEquals("", texts.removeLast(), inp + " does not end with the separator");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(texts.size(), lines.size(), "strings in " + inp + " vs lines in " + out);
        List<Vector> vectors = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String line = lines.get(i).strip();
            int[] ids = line.isEmpty() ? new int[0] : Arrays.stream(line.split(" +")).mapToInt(Integer::parseInt).toArray();
            vectors.add(new Vector(i, texts.get(i), ids));
        }
        return vectors;
    }

    private static String printable(String s) {
        String escaped = s.replace("\t", "\\t").replace("\n", "\\n");
        return "'" + (escaped.length() > 40 ? escaped.substring(0, 40) + "..." : escaped) + "'";
    }
}
