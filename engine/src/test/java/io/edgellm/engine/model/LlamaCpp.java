package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgellm.engine.json.JsonParser;
import io.edgellm.engine.json.JsonValue;
import io.edgellm.engine.json.JsonValue.JsonArray;
import io.edgellm.engine.json.JsonValue.JsonNumber;
import io.edgellm.engine.json.JsonValue.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * llama.cpp itself, through the project's {@code bench/llama-cpp.mjs} and node-llama-cpp's prebuilt
 * binaries. Tests that use it are skipped unless {@code node} and {@code bench/node_modules/node-llama-cpp}
 * are present (or {@code -Dedgellm.bench=DIR} names a folder holding {@code llama-cpp.mjs} and its
 * node_modules).
 */
final class LlamaCpp {

    /**
     * A greedy continuation: the tokens llama.cpp picked and, for each, its log-probabilities over the
     * whole vocabulary (its logits less their log-sum-exp).
     */
    record Greedy(int[] tokens, double[][] logprobs) {

        /** The prompt followed by every generated token but the last: the sequence whose logits llama.cpp sampled from. */
        int[] context(int[] prompt) {
            int[] sequence = Arrays.copyOf(prompt, prompt.length + tokens.length - 1);
            System.arraycopy(tokens, 0, sequence, prompt.length, tokens.length - 1);
            return sequence;
        }
    }

    private final Path bench;

    private LlamaCpp(Path bench) {
        this.bench = bench;
    }

    /** The runner, or the calling test skipped when node or node-llama-cpp is missing. */
    static LlamaCpp locate() {
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
        return new LlamaCpp(bench);
    }

    /** {@code steps} greedy tokens after {@code prompt}, on one thread. */
    Greedy greedy(Path model, int[] prompt, int steps) throws IOException, InterruptedException {
        String tokens = Arrays.stream(prompt).mapToObj(Integer::toString).collect(Collectors.joining(","));
        Process p = new ProcessBuilder("node", bench.resolve("llama-cpp.mjs").toString(), "greedy", model.toString(),
                "--tokens", tokens, "--n", Integer.toString(steps), "--threads", "1", "--logprobs")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "llama.cpp did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        String json = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
        assertTrue(p.exitValue() == 0 && !json.isEmpty(), "llama.cpp failed: " + text);
        JsonObject result = (JsonObject) JsonParser.parse(json);
        int[] picked = elements(result, "tokens").stream().mapToInt(v -> ((JsonNumber) v).value().intValueExact()).toArray();
        double[][] logprobs = elements(result, "logprobs").stream()
                .map(row -> ((JsonArray) row).elements().stream().mapToDouble(v -> ((JsonNumber) v).value().doubleValue()).toArray())
                .toArray(double[][]::new);
        assertTrue(picked.length == steps && logprobs.length == steps, "llama.cpp returned " + picked.length + " tokens: " + text);
        return new Greedy(picked, logprobs);
    }

    /** Logits as log-probabilities: less their log-sum-exp. */
    static double[] logSoftmax(double[] logits) {
        double max = Arrays.stream(logits).max().orElseThrow();
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        double lse = max + Math.log(sum);
        return Arrays.stream(logits).map(v -> v - lse).toArray();
    }

    static double[] logSoftmax(float[] logits) {
        double[] wide = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            wide[i] = logits[i];
        }
        return logSoftmax(wide);
    }

    /** Largest difference between two log-probability vectors. */
    static double maxDistance(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static List<JsonValue> elements(JsonObject o, String key) {
        return ((JsonArray) o.find(key).orElseThrow(() -> new AssertionError("no '" + key + "' in llama.cpp's answer"))).elements();
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
