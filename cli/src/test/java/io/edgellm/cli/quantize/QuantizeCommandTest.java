package io.edgellm.cli.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.tensor.GGMLType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void quantizesAModelThatTheEngineThenRuns() {
        Path f32 = tmp.resolve("m.gguf");
        assertEquals(0, CliRun.of("synthetic", "--preset", "mistral", "--tiny", "-o", f32.toString()).exitCode());
        Path q4 = tmp.resolve("m-q4_0.gguf");
        CliRun r = CliRun.of("quantize", f32.toString(), q4.toString(), "--type", "q4_0", "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Q4_0") && r.out().contains("Q6_K"), r.out());
        try (GGUFFile f = GGUFFile.open(q4)) {
            assertEquals(GGMLType.Q4_0, f.tensor("blk.0.ffn_up.weight").type());
            assertEquals(GGMLType.Q6_K, f.tensor("output.weight").type());
        }
        CliRun gen = CliRun.of("generate", "-m", q4.toString(), "-p", "hi", "-n", "4", "--greedy", "--ignore-eos");
        assertEquals(0, gen.exitCode(), gen.err());
    }

    @Test
    void badRequestsWriteNothing() throws Exception {
        Path f32 = tmp.resolve("m.gguf");
        CliRun.of("synthetic", "--preset", "llama2", "--tiny", "-o", f32.toString());
        Path out = tmp.resolve("out.gguf");

        CliRun unknown = CliRun.of("quantize", f32.toString(), out.toString(), "--type", "q2_k");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().startsWith("edgellm quantize: unknown quantization type 'q2_k'"), unknown.err());

        CliRun same = CliRun.of("quantize", f32.toString(), f32.toString(), "--type", "q8_0");
        assertEquals(1, same.exitCode());
        assertTrue(same.err().contains("would overwrite the input"), same.err());

        Path corrupt = tmp.resolve("corrupt.gguf");
        Files.write(corrupt, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0});
        CliRun bad = CliRun.of("quantize", corrupt.toString(), out.toString(), "--type", "q8_0", "--no-progress");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("corrupt.gguf: file is truncated"), bad.err());
        assertTrue(bad.noStackTrace());
        assertFalse(Files.exists(out));
    }
}
