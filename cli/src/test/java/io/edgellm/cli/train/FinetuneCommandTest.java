package io.edgellm.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import io.edgellm.engine.adapter.LoraFiles;
import io.edgellm.engine.adapter.LoraWeights;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.train.TargetModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetuneCommandTest {

    @TempDir
    static Path shared;
    static Path model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void model() throws IOException {
        model = ChatModels.write(shared.resolve("chat.gguf"), 32, 3);
    }

    /** A short run's arguments: few examples and steps. */
    private static List<String> run(String... more) {
        List<String> args = new ArrayList<>(List.of("finetune", "-m", model.toString(), "--task", "robot", "--steps", "3",
                "--batch", "4", "--train-examples", "16", "--validation-examples", "4", "--eval-every", "2", "--no-progress",
                "-t", "1"));
        args.addAll(Arrays.asList(more));
        return args;
    }

    private static CliRun cli(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void loraWritesAPeftDirectoryOrAGgufLoraFile() throws IOException {
        Path peft = tmp.resolve("robot-lora");
        CliRun r = cli(run("--method", "lora", "--rank", "4", "--alpha", "8", "--targets", "q,v_proj", "-o", peft.toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("step 2: training loss") && r.out().contains("wrote " + peft), r.out());
        Path gguf = tmp.resolve("robot-lora.gguf");
        assertEquals(0, cli(run("--rank", "4", "--alpha", "8", "--targets", "q,v", "-o", gguf.toString())).exitCode());
        try (GGUFFile base = GGUFFile.open(model)) {
            ModelConfig c = ModelConfig.from(base);
            LoraWeights fromPeft = LoraFiles.read(peft, c);
            LoraWeights fromGguf = LoraFiles.read(gguf, c);
            assertEquals(Set.of(TargetModule.Q, TargetModule.V), fromPeft.targets());
            assertEquals(4, fromPeft.rank());
            assertEquals(2f, fromPeft.scale(fromPeft.tensors().getFirst()));
            for (int i = 0; i < fromPeft.tensors().size(); i++) {
                assertTrue(Arrays.equals(fromPeft.tensors().get(i).b(), fromGguf.tensors().get(i).b()),
                        "the same seed trains the same adapter whatever the file format");
            }
        }
        Path continued = tmp.resolve("continued.gguf");
        assertEquals(0, cli(run("--rank", "4", "--alpha", "8", "--targets", "q,v", "--init-adapter", peft.toString(), "-o",
                continued.toString())).exitCode());
    }

    @Test
    void fullFineTuningWritesAModelAndOtherMethodsTheirParameters() {
        Path full = tmp.resolve("full.gguf");
        CliRun r = cli(run("--method", "full", "--freezing-ratio", "0", "-o", full.toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, CliRun.of("generate", "-m", full.toString(), "--chat", "-p", "turn left", "-n", "3", "--greedy").exitCode());
        for (String method : List.of("adapter", "prompt")) {
            Path out = tmp.resolve(method + ".gguf");
            CliRun m = cli(run("--method", method, "-o", out.toString()));
            assertEquals(0, m.exitCode(), m.err());
            try (GGUFFile f = GGUFFile.open(out)) {
                assertTrue(f.metadata().getString("edgellm.checkpoint.method").startsWith(method.equals("adapter") ? "adapter" : "prompt"));
            }
        }
    }

    @Test
    void resumeContinuesARunAndRefusesAnotherModelsCheckpoint() throws IOException {
        Path out = tmp.resolve("a.gguf");
        Path ckpt = tmp.resolve("a.ckpt.gguf");
        assertEquals(0, cli(run("--method", "prompt", "-o", ckpt.toString())).exitCode(), "a prompt-tuning run's result is a checkpoint");
        List<String> longer = run("--method", "prompt", "--resume", ckpt.toString(), "-o", out.toString());
        longer.set(longer.indexOf("--steps") + 1, "5");
        CliRun resumed = cli(longer);
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("resumed at step 3"), resumed.out());

        Path other = ChatModels.write(tmp.resolve("other.gguf"), 64, 4);
        List<String> args = run("--method", "prompt", "--resume", ckpt.toString(), "-o", tmp.resolve("b.gguf").toString());
        args.set(args.indexOf(model.toString()), other.toString());
        CliRun r = cli(args);
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("checkpoint of another model: embedding_length is 32 in the checkpoint but 64"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(tmp.resolve("b.gguf")));
    }

    @Test
    void badDataAndOptionsFailWithOneLineAndWriteNothing() throws IOException {
        Path out = tmp.resolve("out");
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        Path malformed = Files.writeString(tmp.resolve("bad.jsonl"), "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": 3}\n");
        String[][] cases = {
            {"--data", empty.toString()},
            {"--data", malformed.toString()},
            {"--targets", "q,qq"},
            {"--method", "magic"},
            {"--method", "full", "--type", "Q9_0"},
            {"--freezing-ratio", "1.5"},
        };
        String[] expected = {"empty.jsonl", "bad.jsonl:2: field \"prompt\" must be a string", "unknown target module 'qq'",
            "unknown method 'magic'", "unknown quantization type 'Q9_0'", "freezing ratio must be in [0, 1], got 1.5"};
        for (int i = 0; i < cases.length; i++) {
            List<String> args = run(cases[i]);
            args.addAll(List.of("-o", cases[i][1].equals("full") ? out + ".gguf" : out.toString()));
            CliRun r = cli(args);
            assertEquals(1, r.exitCode(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().contains(expected[i]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.noStackTrace(), r.err());
        }
        CliRun notGguf = cli(run("--method", "full", "-o", out.toString()));
        assertEquals(1, notGguf.exitCode());
        assertTrue(notGguf.err().contains("name the output *.gguf"), notGguf.err());
        CliRun notChat = CliRun.of("finetune", "-m", missingChatModel().toString(), "--task", "triage", "-o", out.toString());
        assertEquals(1, notChat.exitCode());
        assertTrue(notChat.err().contains("no <|im_start|> control token"), notChat.err());
        assertFalse(Files.exists(out) || Files.exists(Path.of(out + ".gguf")));
    }

    private Path missingChatModel() {
        Path m = tmp.resolve("llama2.gguf");
        assertEquals(0, CliRun.of("synthetic", "--preset", "llama2", "--tiny", "-o", m.toString()).exitCode());
        return m;
    }
}
