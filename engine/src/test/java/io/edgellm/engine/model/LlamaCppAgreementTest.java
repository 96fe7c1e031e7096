package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.tensor.ComputePool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Synthetic models run in llama.cpp itself (through the project's {@code bench/llama-cpp.mjs} and
 * node-llama-cpp's prebuilt binaries) and continue a prompt greedily with the same tokens as the
 * engine: this checks the file layout, the metadata and the forward pass against the world.
 * Skipped unless {@code node} and {@code bench/node_modules/node-llama-cpp} are present (or
 * {@code -Dedgellm.bench=DIR} names a folder holding {@code llama-cpp.mjs} and its node_modules).
 */
@Tag("slow")
class LlamaCppAgreementTest {

    static final int[] PROMPT = {1, 300, 301, 302, 100, 17};
    static final int STEPS = 10;
    /** Logits closer than this may order differently in two float32 implementations. */
    static final float NEAR_TIE = 2e-3f;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"llama2", "llama3", "mistral", "qwen2", "smollm"})
    void greedyContinuationMatchesLlamaCpp(String preset) throws Exception {
        Path bench = benchDir();
        Path model = TestModels.tiny(preset, dir);
        int[] theirs = llamaCppGreedy(bench, model);
        assertEquals(STEPS, theirs.length, "llama.cpp tokens " + Arrays.toString(theirs));
        try (GGUFFile file = GGUFFile.open(model); ComputePool pool = new ComputePool(2)) {
            Shard shard = Shard.whole(file, pool);
            float[] logits = shard.prefill(PROMPT, 0);
            for (int step = 0; step < STEPS; step++) {
                int ours = TestModels.argMax(logits, 0, logits.length);
                if (ours != theirs[step]) {
                    assertTrue(logits[ours] - logits[theirs[step]] < NEAR_TIE, preset + " step " + step + ": engine picks "
                            + ours + ", llama.cpp " + theirs[step] + ", logits " + logits[ours] + " vs " + logits[theirs[step]]);
                    return;
                }
                logits = shard.decode(ours, PROMPT.length + step);
            }
        }
    }

    private static int[] llamaCppGreedy(Path bench, Path model) throws IOException, InterruptedException {
        String tokens = String.join(",", Arrays.stream(PROMPT).mapToObj(Integer::toString).toArray(String[]::new));
        Process p = new ProcessBuilder("node", bench.resolve("llama-cpp.mjs").toString(), "greedy", model.toString(),
                "--tokens", tokens, "--n", Integer.toString(STEPS), "--threads", "1")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "llama.cpp did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"tokens\":\\[([0-9,]*)]").matcher(text);
        assertTrue(p.exitValue() == 0 && m.find(), "llama.cpp failed: " + text);
        return Arrays.stream(m.group(1).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static Path benchDir() {
        String configured = System.getProperty("edgellm.bench");
        Path bench = null;
        if (configured != null) {
            bench = Path.of(configured);
        } else {
            for (Path d = Path.of("").toAbsolutePath(); d != null && bench == null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("bench/llama-cpp.mjs"))) {
                    bench = d.resolve("bench");
                }
            }
        }
        assumeTrue(bench != null && Files.isDirectory(bench.resolve("node_modules/node-llama-cpp")),
                "llama.cpp runner (bench/ with node_modules) not present; skipping");
        assumeTrue(nodeAvailable(), "node not on PATH; skipping");
        return bench;
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
