package io.edgellm.cli.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path tmp;

    private Path smallModel() throws IOException {
        Path file = tmp.resolve("m.gguf");
        String[] tokens = new String[100];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = "t" + i;
        }
        new GGUFWriter()
                .putString("general.architecture", "llama")
                .putUInt32("llama.block_count", 1)
                .put("tokenizer.ggml.tokens", GGUFValue.ofStrings(tokens))
                .addTensor("token_embd.weight", GGMLType.F32, new long[] {8, 100}, TensorData.ofFloats(new float[800]))
                .addTensor("blk.0.ffn_up.weight", GGMLType.Q8_0, new long[] {32, 4}, TensorData.of(new byte[4 * 34]))
                .write(file);
        return file;
    }

    @Test
    void printsMetadataTensorsAndParameterCount() throws IOException {
        CliRun r = CliRun.of("inspect", smallModel().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("GGUF v3"), r.out());
        assertTrue(r.out().contains("general.architecture") && r.out().contains("\"llama\""), r.out());
        assertTrue(r.out().contains("... 100 STRING in all"), "long arrays are previewed: " + r.out());
        assertTrue(r.out().matches("(?s).*blk\\.0\\.ffn_up\\.weight\\s+Q8_0\\s+32 x 4\\s+136\\s.*"), r.out());
        assertTrue(r.out().contains("parameters: 928"), r.out());
    }

    @Test
    void corruptFileGivesOneLineAndNonZeroExit() throws IOException {
        Path bad = tmp.resolve("bad.gguf");
        byte[] bytes = Files.readAllBytes(smallModel());
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        CliRun r = CliRun.of("inspect", bad.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("edgellm inspect: " + bad + ": file is truncated"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.noStackTrace());
    }

    @Test
    void missingFile() {
        CliRun r = CliRun.of("inspect", tmp.resolve("none.gguf").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("none.gguf: no such file"), r.err());
    }
}
