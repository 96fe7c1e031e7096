package io.edgellm.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job runs from start to end on a fresh machine. */
@Tag("slow")
class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void everyStepRunsAndTheQuantizedModelsAreWritten() {
        CliRun r = CliRun.of("demo", "--workdir", tmp.toString(), "--examples", "../examples", "--models", "../models",
                "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("$ edgellm quantize"), r.out());
        assertTrue(r.out().contains("plan by dp"), r.out());
        assertTrue(r.out().contains("greedy agreement with edgellm-base.gguf"), r.out());
        assertTrue(r.out().contains("$ edgellm generate -m " + tmp.resolve("base-robot.gguf") + " --chat -p $'instruction: Please"),
                r.out());
        assertTrue(r.out().contains("edgellm-base.gguf + triage.gguf on triage test split: exact match"), r.out());
        assertTrue(r.out().contains("trimcaching-greedy"), r.out());
        assertTrue(r.out().trim().endsWith("The model files are in " + tmp + "."), r.out());
        assertTrue(Files.exists(tmp.resolve("smollm-q4_k_m.gguf")));
    }

    @Test
    void aMissingModelsFolderIsExplained() {
        CliRun r = CliRun.of("demo", "--workdir", tmp.toString(), "--examples", "../examples", "--models", tmp.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("run the demo from the repository root") && r.err().contains("--models"), r.err());
    }

    @Test
    void aMissingExamplesFolderIsExplained() {
        CliRun r = CliRun.of("demo", "--workdir", tmp.toString(), "--examples", tmp.resolve("nowhere").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("run the demo from the repository root"), r.err());
    }
}
