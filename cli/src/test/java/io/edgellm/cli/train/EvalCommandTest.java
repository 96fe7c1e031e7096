package io.edgellm.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import io.edgellm.engine.data.Example;
import io.edgellm.engine.data.JsonlDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    static Path shared;
    static Path model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void model() throws IOException {
        model = ChatModels.write(shared.resolve("chat.gguf"), 32, 5);
    }

    @Test
    void scoresTaskExamplesByExactMatch() throws IOException {
        CliRun r = CliRun.of("eval", "-m", model.toString(), "--task", "robot", "--limit", "3", "--max-tokens", "4",
                "--no-progress", "-t", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("chat.gguf on robot test split: exact match 0/3 = 0.0%"), r.out());
        Matcher m = Pattern.compile("answer perplexity ([0-9.]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        double perplexity = Double.parseDouble(m.group(1));
        assertTrue(perplexity > 500 && perplexity < 5000, "a random model is near-uniform over 2,048 tokens: " + perplexity);
        Path data = tmp.resolve("two.jsonl");
        JsonlDataset.write(data, List.of(new Example("instruction: turn left\nplan:", " TURN(left)", null),
                new Example("instruction: wait 2 seconds\nplan:", " WAIT(2)", null)));
        CliRun file = CliRun.of("eval", "-m", model.toString(), "--data", data.toString(), "--max-tokens", "2", "--no-progress");
        assertEquals(0, file.exitCode(), file.err());
        assertTrue(file.out().contains("two.jsonl: exact match 0/2"), file.out());
    }

    @Test
    void heldOutTextAndDraftAgreement() {
        CliRun r = CliRun.of("eval", "-m", model.toString(), "--draft", model.toString(), "-t", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("held-out English (32 windows, 4096 positions): perplexity"), r.out());
        assertTrue(r.out().contains("greedy agreement with chat.gguf 100.00%"), "a model agrees with itself: " + r.out());
    }

    @Test
    void badInputFailsWithOneLine() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        String[][] cases = {
            {"--data", empty.toString()},
            {"--task", "chess"},
            {"--task", "robot", "--split", "train"},
            {"--task", "robot", "--draft", model.toString()},
            {"--task", "robot", "--adapter", tmp.resolve("missing").toString()},
        };
        String[] expected = {"empty.jsonl", "unknown task 'chess'", "--split must be validation or test",
            "--draft measures agreement on held-out text", "no such file or directory"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 3];
            args[0] = "eval";
            args[1] = "-m";
            args[2] = model.toString();
            System.arraycopy(cases[i], 0, args, 3, cases[i].length);
            CliRun r = CliRun.of(args);
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().contains(expected[i]), "expected '" + expected[i] + "' in " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
