package io.edgellm.cli.plan;

import io.edgellm.cli.CliRun;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.planner.profile.ModelShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanCommandTest {

    static final Path EXAMPLES = Path.of("..", "examples");
    static final String CAMPUS = EXAMPLES.resolve("topologies/campus.yaml").toString();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"decode-latency", "ttft", "throughput", "train-round", "energy", "train-energy"})
    void plansTheCampusExampleForEveryObjective(String objective) {
        CliRun r = CliRun.of("plan", "--topology", CAMPUS, "--model", "llama-7b", "--objective", objective);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("objective " + objective), r.out());
        assertTrue(r.out().contains("+embedding") && r.out().contains("+head"), r.out());
        assertTrue(r.out().contains("vs dp"), r.out());
    }

    @Test
    void chainExampleNeedsThreeServersAndJsonListsTheShards() throws IOException {
        CliRun r = CliRun.of("plan", "--topology", EXAMPLES.resolve("topologies/chain-fig5.yaml").toString(),
                "--model", "llama-7b", "--precision", "f16", "--json");
        assertEquals(0, r.exitCode(), r.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("decode-latency", json.get("objective").asText());
        assertEquals(3, json.get("plan").get("shards").size(), r.out());
        assertEquals(32, json.get("plan").get("shards").get(2).get("toBlock").asInt());
    }

    @Test
    void modelShapeYamlAndGgufGiveTheSameShape() throws IOException {
        Path gguf = tmp.resolve("tiny.gguf");
        String[] tokens = new String[32000];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = "t" + i;
        }
        new GGUFWriter()
                .putString("general.architecture", "llama")
                .putUInt32("llama.block_count", 22)
                .putUInt32("llama.embedding_length", 2048)
                .putUInt32("llama.attention.head_count", 32)
                .putUInt32("llama.attention.head_count_kv", 4)
                .putUInt32("llama.feed_forward_length", 5632)
                .putUInt32("llama.context_length", 2048)
                .put("tokenizer.ggml.tokens", GGUFValue.ofStrings(tokens))
                .addTensor("output.weight", GGMLType.F32, new long[] {4, 2}, TensorData.ofFloats(new float[8]))
                .write(gguf);
        ModelShape fromGguf = GgufModelShapes.read(gguf);
        ModelShape fromYaml = ModelSources.resolve(EXAMPLES.resolve("models/tiny-llama.yaml").toString());
        assertEquals(fromYaml, fromGguf);
        assertEquals(fromYaml, ModelSources.resolve("tinyllama-1.1b"));
        CliRun r = CliRun.of("plan", "--topology", CAMPUS, "--model", gguf.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith(gguf + ": llama, 22 blocks"), r.out());
    }

    @Test
    void cachePlanRunsOnBothExamplesAndReportsEveryAlgorithm() {
        for (String topology : new String[] {"campus", "city"}) {
            CliRun r = CliRun.of("plan-cache", "--topology", EXAMPLES.resolve("topologies/" + topology + ".yaml")
                    .toString(), "--library", EXAMPLES.resolve("libraries/assistants.yaml").toString(),
                    "--lru-requests", "2000", "--shift-seed", "5");
            assertEquals(0, r.exitCode(), r.err());
            for (String name : new String[] {"trimcaching-greedy", "independent", "top-popularity", "lru-online",
                    "migration fetches"}) {
                assertTrue(r.out().contains(name), name + " missing in " + r.out());
            }
        }
    }

    @Test
    void typoInATopologyNamesFileLineAndField() throws IOException {
        Path file = tmp.resolve("typo.yaml");
        Files.writeString(file, Files.readString(Path.of(CAMPUS)).replaceFirst("memory_bandwidth", "memory_bandwith"));
        CliRun r = CliRun.of("plan", "--topology", file.toString(), "--model", "llama-1b");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("edgellm plan: " + file + ":10:5: field 'nodes[0].memory_bandwith': unknown field "
                + "(did you mean 'memory_bandwidth'?)"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.noStackTrace());
    }

    @Test
    void brokenInputsGiveOneLineErrors() throws IOException {
        String[][] cases = {
                {"links:\n  - {from: a, to: ghost, up: 1 Gbit/s, latency: 1 ms}", "field 'links[0].to': unknown node 'ghost'"},
                {"links: []", "the topology is disconnected: node b cannot be reached from 'a'"},
                {"links:\n  - {from: a, to: b, up: -5 Mbit/s, latency: 1 ms}", "field 'links[0].up': must be positive"},
                {"links:\n  - {from: a, to: b, up: 1 Gbit/s, latency: 1 ms, loss: [1]}", "field 'links[0].loss': expected a single value"},
                {"links:\n  - {from: a, to: b, up: 1 Gbit/s latency: 1 ms}", "YAML syntax error"},
        };
        String nodes = """
                name: broken
                nodes:
                  - {id: a, role: device, compute: {f16: 1 TFLOP/s}, memory_bandwidth: 50 GB/s, memory: 8 GiB,
                     storage: 64 GB, idle_power: 1 W, busy_power: 5 W}
                  - {id: b, role: edge, compute: {f16: 100 TFLOP/s}, memory_bandwidth: 1 TB/s, memory: 0 GiB,
                     storage: 64 GB, idle_power: 1 W, busy_power: 5 W}
                """;
        Path zeroMemory = tmp.resolve("zero.yaml");
        Files.writeString(zeroMemory, nodes + "links:\n  - {from: a, to: b, up: 1 Gbit/s, latency: 1 ms}\n");
        CliRun zero = CliRun.of("plan", "--topology", zeroMemory.toString(), "--model", "llama-1b");
        assertEquals(1, zero.exitCode());
        assertTrue(zero.err().contains(zeroMemory + ":5:") && zero.err().contains("nodes[1].memory': must be positive"),
                zero.err());
        String fixedNodes = nodes.replace("memory: 0 GiB", "memory: 16 GiB");
        for (String[] c : cases) {
            Path file = tmp.resolve("case.yaml");
            Files.writeString(file, fixedNodes + c[0] + "\n");
            CliRun r = CliRun.of("plan", "--topology", file.toString(), "--model", "llama-1b");
            assertEquals(1, r.exitCode(), c[0]);
            assertTrue(r.err().startsWith("edgellm plan: " + file + ":"), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void aModelThatFitsNowhereSaysWhichConstraintRulesItOut() {
        CliRun r = CliRun.of("plan", "--topology", EXAMPLES.resolve("topologies/chain-fig5.yaml").toString(),
                "--model", "llama-70b", "--precision", "f16");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("edgellm plan: no feasible plan: memory: the model needs"), r.err());
        CliRun training = CliRun.of("plan", "--topology", CAMPUS, "--model", "llama-70b", "--objective", "train-round",
                "--source", "phone-dave", "--precision", "f16");
        assertEquals(1, training.exitCode());
        assertTrue(training.err().contains("memory on phone-dave"), training.err());
    }

    @Test
    void badOptionsAreUserErrors() {
        assertEquals(1, CliRun.of("plan", "--topology", CAMPUS, "--model", "no-such-model").exitCode());
        CliRun r = CliRun.of("plan", "--topology", CAMPUS, "--model", "llama-1b", "--objective", "fastest");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown objective 'fastest'"), r.err());
        CliRun library = CliRun.of("plan-cache", "--topology", CAMPUS, "--library", CAMPUS);
        assertEquals(1, library.exitCode());
        assertTrue(library.err().contains("field 'nodes': unknown field"), library.err());
    }
}
