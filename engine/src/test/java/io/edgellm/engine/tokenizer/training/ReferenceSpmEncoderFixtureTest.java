package io.edgellm.engine.tokenizer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test-only reference encoder that judges trained vocabularies must itself agree with
 * llama.cpp: it is run on the SentencePiece fixture and its llama.cpp test vectors.
 */
class ReferenceSpmEncoderFixtureTest {

    @Test
    void agreesWithLlamaCppOnTheSentencePieceFixture() throws IOException {
        Path vocab = SharedFixtures.file("ggml-vocab-spm32k.gguf");
        String[] inputs = Files.readString(SharedFixtures.file("ggml-vocab-spm32k.gguf.inp")).split("\n__ggml_vocab_test__\n", -1);
        List<String> expected = Files.readAllLines(SharedFixtures.file("ggml-vocab-spm32k.gguf.out"));
        ReferenceSpmEncoder encoder;
        try (GGUFFile f = GGUFFile.open(vocab)) {
            GGUFMetadata md = f.metadata();
            encoder = new ReferenceSpmEncoder(List.of(md.getStringArray("tokenizer.ggml.tokens")),
                    md.getFloatArray("tokenizer.ggml.scores"), md.getIntArray("tokenizer.ggml.token_type"));
        }
        assertEquals(expected.size(), inputs.length - 1, "one expected line per test string");
        for (int i = 0; i < expected.size(); i++) {
            List<Integer> ids = expected.get(i).isBlank() ? List.of()
                    : Arrays.stream(expected.get(i).strip().split(" ")).map(Integer::valueOf).toList();
            assertEquals(ids, encoder.encode(inputs[i], false), "test string #" + i + ": '" + inputs[i] + "'");
        }
    }
}
