package io.edgellm.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.tokenizer.ChatFamily;
import io.edgellm.engine.tokenizer.ChatTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A family model is a function of its size, seed and steps, whatever the thread count. */
@Tag("slow")
class PretrainCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theSameSeedGivesTheSameFileOnOneAndTwoThreads() throws Exception {
        Path one = tmp.resolve("one.gguf");
        Path two = tmp.resolve("two.gguf");
        CliRun r = CliRun.of("pretrain", "--size", "draft", "--seed", "3", "--steps", "2", "--eval-every", "1", "--no-progress",
                "-t", "1", "-o", one.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("draft model: dim 128, 2 blocks, 2 heads, FFN 384, vocabulary 2048 (tied), 689K parameters"),
                r.out());
        assertTrue(r.out().contains("step 2: training loss"), r.out());
        assertEquals(0, CliRun.of("pretrain", "--size", "draft", "--seed", "3", "--steps", "2", "--eval-every", "0",
                "--no-progress", "-t", "2", "-o", two.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        try (GGUFFile f = GGUFFile.open(one)) {
            assertEquals(Optional.of(ChatFamily.CHATML), ChatFamily.detect(f.metadata().getString(ChatTemplates.CHAT_TEMPLATE)));
            assertEquals(128, f.metadata().getInt("llama.embedding_length"));
        }
        assertEquals(0, CliRun.of("generate", "-m", one.toString(), "-p", "Once upon a time", "-n", "4", "--greedy").exitCode());
    }

    @Test
    void unknownSizesAreRefused() {
        Path out = tmp.resolve("x.gguf");
        CliRun r = CliRun.of("pretrain", "--size", "huge", "-o", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown model size 'huge' (known: draft, base)"), r.err());
        CliRun steps = CliRun.of("pretrain", "--size", "draft", "--steps", "0", "-o", out.toString());
        assertEquals(1, steps.exitCode());
        assertTrue(steps.err().contains("at least one step"), steps.err());
        assertFalse(Files.exists(out));
    }
}
