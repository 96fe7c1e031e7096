package io.edgellm.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgellm.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @TempDir
    Path tmp;

    @Test
    void benchmarksASyntheticModelAgainstTheBandwidthMeasuredInTheSameRun() throws Exception {
        CliRun r = CliRun.of("bench", "--synthetic", "smollm", "--type", "q8_0", "--cache-dir", tmp.toString(),
                "--prompt", "8", "--decode", "4", "--repeat", "2", "--probe-mib", "64", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(tmp.resolve("synthetic-smollm-q8_0.gguf")), "the synthetic model is cached");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(2, json.get("runs").size());
        double decode = json.get("decodeTokensPerSecond").asDouble();
        double bandwidth = json.get("bandwidthGBps").asDouble();
        long bytes = json.get("decodeBytesPerToken").asLong();
        assertTrue(decode > 0 && bandwidth > 0, r.out());
        // SmolLM2-135M at Q8_0: tied 49152 x 576 embedding (read whole, as the head) plus 30 blocks.
        assertTrue(bytes > 130_000_000L && bytes < 160_000_000L, "bytes per token " + bytes);
        for (JsonNode run : json.get("runs")) {
            double expected = bytes * run.get("decodeTokensPerSecond").asDouble() / 1e9 / run.get("bandwidthGBps").asDouble();
            assertEquals(expected, run.get("rooflineRatio").asDouble(), 1e-9 * expected);
        }
    }

    @Test
    void trainingStepOfTheBaseShapeBesideTheInferenceMatmulAndBothMemoryPeaks() {
        CliRun r = CliRun.of("bench", "--train", "--quick", "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("model: dim 192, 6 blocks, 6/6 heads, FFN 512, vocabulary 2048"), r.out());
        assertTrue(r.out().contains("training: ") && r.out().contains("inference: ") && r.out().contains("ratio: "), r.out());
        assertTrue(r.out().contains("full fine-tuning, F32") && r.out().contains("LoRA r=8, frozen Q4_0 base"), r.out());
    }

    @Test
    void aRunThatDoesNotFitTheContextIsRefused() {
        Path model = tmp.resolve("tiny.gguf");
        assertEquals(0, CliRun.of("synthetic", "--preset", "llama2", "--tiny", "-o", model.toString()).exitCode());
        CliRun r = CliRun.of("bench", "--model", model.toString(), "--prompt", "250", "--decode", "64");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("exceed the model's context length 256"), r.err());
        CliRun none = CliRun.of("bench");
        assertEquals(2, none.exitCode(), "picocli usage error: " + none.err());
    }
}
