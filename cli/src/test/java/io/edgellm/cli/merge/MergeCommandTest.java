package io.edgellm.cli.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.cli.CliRun;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.tensor.GGMLType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {

    @TempDir
    Path tmp;

    /** A tiny ChatML model and a LoRA adapter trained on it for a few steps. */
    private Path[] baseAndAdapter(String adapterName) {
        Path base = tmp.resolve("base.gguf");
        if (!Files.exists(base)) {
            assertEquals(0, CliRun.of("pretrain", "--size", "draft", "--steps", "1", "--eval-every", "0", "--no-progress",
                    "-o", base.toString()).exitCode());
        }
        Path adapter = tmp.resolve(adapterName);
        CliRun r = CliRun.of("finetune", "-m", base.toString(), "--task", "triage", "--steps", "2", "--batch", "2",
                "--train-examples", "8", "--validation-examples", "2", "--rank", "2", "--targets", "q,k,down", "--no-progress",
                "-o", adapter.toString());
        assertEquals(0, r.exitCode(), r.err());
        return new Path[] {base, adapter};
    }

    @Test
    void mergesPeftAndGgufAdaptersIntoAModelTheEngineRuns() throws Exception {
        for (String name : new String[] {"peft", "lora.gguf"}) {
            Path[] files = baseAndAdapter(name);
            Path merged = tmp.resolve("merged-" + name + ".gguf");
            CliRun r = CliRun.of("merge", "-m", files[0].toString(), "-a", files[1].toString(), "-o", merged.toString(),
                    "--type", "q8_0");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("merged 6 matrices (rank 2"), r.out());
            try (GGUFFile f = GGUFFile.open(merged)) {
                assertEquals(GGMLType.Q8_0, f.tensor("blk.1.attn_k.weight").type());
                assertEquals(GGMLType.F32, f.tensor("blk.1.attn_norm.weight").type());
            }
            CliRun gen = CliRun.of("generate", "-m", merged.toString(), "--chat", "-p", "hello", "-n", "2", "--greedy");
            assertEquals(0, gen.exitCode(), gen.err());
        }
    }

    @Test
    void badAdaptersAndTypesFailWithOneLineAndWriteNothing() throws Exception {
        Path[] files = baseAndAdapter("peft");
        Path out = tmp.resolve("out.gguf");
        Path config = files[1].resolve("adapter_config.json");
        String good = Files.readString(config);

        Files.writeString(config, good.replace("\"r\":2", "\"r\":4"));
        assertFails(CliRun.of("merge", "-m", files[0].toString(), "-a", files[1].toString(), "-o", out.toString()),
                "expected [4, in] and [out, 4] for rank r = 4");
        Files.writeString(config, good.replace("\"q_proj\"", "\"lm_head\""));
        assertFails(CliRun.of("merge", "-m", files[0].toString(), "-a", files[1].toString(), "-o", out.toString()),
                "unknown target module 'lm_head'");
        Files.writeString(config, good.substring(0, good.length() / 2));
        assertFails(CliRun.of("merge", "-m", files[0].toString(), "-a", files[1].toString(), "-o", out.toString()), "bad JSON");
        Files.writeString(config, good);

        Path other = tmp.resolve("other.gguf");
        assertEquals(0, CliRun.of("synthetic", "--preset", "llama2", "--tiny", "-o", other.toString()).exitCode());
        assertFails(CliRun.of("merge", "-m", other.toString(), "-a", files[1].toString(), "-o", out.toString()),
                "but the base projection is");
        assertFails(CliRun.of("merge", "-m", files[0].toString(), "-a", files[1].toString(), "-o", out.toString(), "--type",
                "q4_k_m"), "Q4_K_M mixes types per tensor; write F16");
        assertFails(CliRun.of("merge", "-m", files[0].toString(), "-a", tmp.resolve("none").toString(), "-o", out.toString()),
                "no such file or directory");
        assertFalse(Files.exists(out));
    }

    private static void assertFails(CliRun r, String expected) {
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.noStackTrace(), r.err());
    }
}
