package io.edgellm.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    static Path tmp;

    static Path model;

    @BeforeAll
    static void writeModel() {
        model = tmp.resolve("tiny.gguf");
        CliRun r = CliRun.of("synthetic", "--preset", "qwen2", "--tiny", "--seed", "5", "-o", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("qwen2-tiny (qwen2)"), r.out());
    }

    private static String tokensOf(CliRun r) {
        Matcher m = Pattern.compile("\"tokens\":\\[([0-9,]*)]").matcher(r.out());
        assertTrue(m.find(), r.out() + r.err());
        return m.group(1);
    }

    @Test
    void greedyGenerationIsReproducibleAndSeededSamplingFollowsTheSeed() {
        String[] greedy = {"generate", "-m", model.toString(), "-p", "hello", "-n", "8", "--greedy", "--ignore-eos", "--print-tokens", "-t", "2"};
        CliRun a = CliRun.of(greedy);
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(8, tokensOf(a).split(",").length);
        assertEquals(tokensOf(a), tokensOf(CliRun.of(greedy)));

        String[] sampled = {"generate", "-m", model.toString(), "--prompt-tokens", "1,70,80", "-n", "16", "--temperature", "1.5",
            "--top-k", "0", "--top-p", "1", "--min-p", "0", "--ignore-eos", "--print-tokens", "--seed", "7"};
        String s7 = tokensOf(CliRun.of(sampled));
        assertEquals(s7, tokensOf(CliRun.of(sampled)));
        sampled[sampled.length - 1] = "8";
        assertNotEquals(s7, tokensOf(CliRun.of(sampled)));
    }

    @Test
    void streamsTextAndReportsStats() {
        CliRun r = CliRun.of("generate", "-m", model.toString(), "-p", "hello", "-n", "5", "--greedy", "--ignore-eos", "--stats");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().matches("(?s).*prompt: \\d+ tokens \\(0 reused\\), prefill [0-9.]+ tokens/s; generated 5 tokens.*"), r.err());
    }

    @Test
    void oneChatTurnUsesTheNamedTemplate() {
        CliRun r = CliRun.of("generate", "-m", model.toString(), "--chat", "--template", "chatml", "--system", "be brief",
                "-p", "hi", "-n", "3", "--greedy", "--ignore-eos", "--print-tokens");
        assertEquals(0, r.exitCode(), r.err());
        CliRun noTemplate = CliRun.of("generate", "-m", model.toString(), "--chat", "-p", "hi", "-n", "3");
        assertEquals(1, noTemplate.exitCode());
        assertTrue(noTemplate.err().contains("name the family explicitly"), noTemplate.err());
    }

    @Test
    void badRequestsGiveOneClearLine() {
        CliRun empty = CliRun.of("generate", "-m", model.toString(), "-p", "");
        assertEquals(1, empty.exitCode());
        assertEquals("edgellm generate: the prompt is empty", empty.err().strip());

        StringBuilder ids = new StringBuilder("1");
        for (int i = 0; i < 300; i++) {
            ids.append(",70");
        }
        CliRun tooLong = CliRun.of("generate", "-m", model.toString(), "--prompt-tokens", ids.toString());
        assertEquals(1, tooLong.exitCode());
        assertTrue(tooLong.err().contains("the prompt has 301 tokens but the model's context length is 256"), tooLong.err());
        assertTrue(tooLong.noStackTrace());

        CliRun missing = CliRun.of("generate", "-m", tmp.resolve("absent.gguf").toString(), "-p", "x");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("absent.gguf: no such file"), missing.err());

        CliRun noPrompt = CliRun.of("generate", "-m", model.toString());
        assertEquals(1, noPrompt.exitCode());
        assertTrue(noPrompt.err().contains("give a prompt"), noPrompt.err());

        CliRun badTemp = CliRun.of("generate", "-m", model.toString(), "-p", "x", "--temperature", "-1");
        assertEquals(1, badTemp.exitCode());
        assertTrue(badTemp.err().contains("temperature must be"), badTemp.err());
    }
}
