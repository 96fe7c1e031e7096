package io.edgellm.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed family (docs/MODELS.md) behaves as documented: each task adapter lifts exact match
 * far above the base alone, and the draft agrees with the base often enough to be worth drafting.
 * Bounds are well inside the measured figures (200 examples there, 40 here).
 */
class CommittedModelsTest {

    static final Path MODELS = Path.of("../models");
    static final Path BASE = MODELS.resolve("edgellm-base.gguf");

    @Test
    void eachAdapterBeatsTheBaseOnItsTask() {
        String[][] tasks = {{"robot", "lora/robot"}, {"triage", "lora/triage.gguf"}};
        for (String[] task : tasks) {
            double base = exactMatch(evaluate("--task", task[0], "--limit", "40"));
            double adapted = exactMatch(evaluate("--task", task[0], "--limit", "40", "-a", MODELS.resolve(task[1]).toString()));
            assertTrue(base < 0.3, task[0] + ": the base alone is " + base);
            assertTrue(adapted > 0.5 && adapted > base + 0.3, task[0] + ": with its adapter " + adapted + ", the base " + base);
        }
    }

    @Test
    void theDraftAgreesWithTheBase() {
        String out = evaluate("--draft", MODELS.resolve("edgellm-draft.gguf").toString());
        Matcher m = Pattern.compile("greedy agreement with edgellm-base.gguf ([0-9.]+)%").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) > 80, out);
        Matcher perplexity = Pattern.compile("held-out English .*: perplexity ([0-9.]+)").matcher(out);
        assertTrue(perplexity.find() && Double.parseDouble(perplexity.group(1)) < 2, out);
    }

    private static String evaluate(String... args) {
        assertTrue(Files.exists(BASE), "the committed models are part of the repository: " + BASE.toAbsolutePath());
        String[] all = new String[args.length + 4];
        all[0] = "eval";
        all[1] = "-m";
        all[2] = BASE.toString();
        all[3] = "--no-progress";
        System.arraycopy(args, 0, all, 4, args.length);
        CliRun r = CliRun.of(all);
        assertEquals(0, r.exitCode(), r.err());
        return r.out();
    }

    private static double exactMatch(String out) {
        Matcher m = Pattern.compile("exact match (\\d+)/(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
    }
}
