package io.edgellm.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during fine-tuning: a real process gets the signal (SIGTERM, which runs the same shutdown
 * hooks as SIGINT and, unlike SIGINT, is not ignored by processes started in the background), writes
 * a checkpoint and no output, and {@code --resume} finishes the run from it.
 */
@Tag("slow")
class InterruptedFinetuneTest {

    @TempDir
    Path tmp;

    @Test
    void aSignalWritesACheckpointThatResumes() throws Exception {
        Path model = ChatModels.write(tmp.resolve("chat.gguf"), 32, 6);
        Path out = tmp.resolve("robot.gguf");
        List<String> args = new ArrayList<>(List.of("finetune", "-m", model.toString(), "--task", "robot", "--method", "full",
                "--steps", "100000", "--batch", "2", "--train-examples", "16", "--validation-examples", "1", "--eval-every", "1",
                "--no-progress", "-t", "1", "-o", out.toString()));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "io.edgellm.cli.EdgeLlm"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.append(line).append('\n');
                if (line.startsWith("step 3:")) {
                    p.toHandle().destroy();
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), log.toString());
        assertEquals(128 + 15, p.exitValue(), "the JVM ends with the signal's status: " + log);
        Path checkpoint = tmp.resolve("robot.ckpt.gguf");
        assertTrue(log.toString().contains("checkpoint " + checkpoint + " (continue with --resume"), log.toString());
        assertTrue(Files.exists(checkpoint));
        assertFalse(Files.exists(out), "a stopped run writes no result");

        args.set(args.indexOf("100000"), "6");
        args.addAll(List.of("--resume", checkpoint.toString()));
        CliRun resumed = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("resumed at step"), resumed.out());
        assertTrue(Files.exists(out));
    }
}
