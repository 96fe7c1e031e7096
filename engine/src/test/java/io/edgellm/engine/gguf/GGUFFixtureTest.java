package io.edgellm.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads GGUF files written by llama.cpp's tooling (../shared/fixtures), and writes them back byte for byte. */
class GGUFFixtureTest {

    @TempDir
    Path tmp;

    @Test
    void llama3VocabularyFile() throws IOException {
        Path path = SharedFixtures.file("ggml-vocab-llama3.gguf");
        try (GGUFFile f = GGUFFile.open(path)) {
            GGUFMetadata md = f.metadata();
            assertEquals("llama", md.architecture());
            assertEquals("gpt2", md.getString("tokenizer.ggml.model"));
            assertEquals("llama-bpe", md.getString("tokenizer.ggml.pre"));
            assertEquals(128_256, md.arrayLength("tokenizer.ggml.tokens"));
            assertEquals(280_147, md.arrayLength("tokenizer.ggml.merges"));
            assertTrue(f.findTensor("token_embd.weight").isPresent());
            assertRewritesIdentically(f);
        }
    }

    @Test
    void sentencePieceVocabularyFile() throws IOException {
        Path path = SharedFixtures.file("ggml-vocab-spm32k.gguf");
        try (GGUFFile f = GGUFFile.open(path)) {
            GGUFMetadata md = f.metadata();
            assertEquals("llama", md.getString("tokenizer.ggml.model"));
            String[] tokens = md.getStringArray("tokenizer.ggml.tokens");
            assertEquals(32_000, tokens.length);
            assertEquals("▁Hello", tokens[22557]);
            assertEquals(32_000, md.getFloatArray("tokenizer.ggml.scores").length);
            assertRewritesIdentically(f);
        }
    }

    private void assertRewritesIdentically(GGUFFile f) throws IOException {
        GGUFWriter w = new GGUFWriter(f.version()).putAll(f.metadata());
        for (GGUFTensorInfo t : f.tensorInfos()) {
            w.addTensor(t.name(), t.type(), t.shape(), TensorData.of(f.tensorData(t)));
        }
        Path copy = tmp.resolve("copy.gguf");
        w.write(copy);
        assertEquals(-1L, Files.mismatch(f.path(), copy), "rewritten file differs from " + f.path());
    }
}
