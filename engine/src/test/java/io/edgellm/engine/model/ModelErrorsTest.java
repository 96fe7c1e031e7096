package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFException;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.UnsupportedTensorTypeException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files and bad calls fail with messages that name the file, the key or tensor, and the problem. */
class ModelErrorsTest {

    static ComputePool pool;

    @TempDir
    Path dir;
    Path good;

    @BeforeAll
    static void startPool() {
        pool = new ComputePool(1);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @BeforeEach
    void writeModel() {
        good = TestModels.tiny("llama2", dir);
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    private Path rewrite(String name, Consumer<GGUFWriter> edit, Predicate<GGUFTensorInfo> keep) {
        return TestModels.rewrite(good, dir.resolve(name), edit, keep);
    }

    private static Throwable loadFails(Path path) {
        return assertThrows(GGUFException.class, () -> {
            try (GGUFFile file = GGUFFile.open(path)) {
                Shard.whole(file, pool);
            }
        });
    }

    @Test
    void unknownArchitecture() {
        Path bad = rewrite("gpt2.gguf", w -> w.putString("general.architecture", "gpt2"), t -> true);
        assertMessage(loadFails(bad), bad.toString(), "'gpt2'", "llama, qwen2");
    }

    @Test
    void missingMetadataKey() {
        Path bad = rewrite("nokey.gguf", w -> w.remove("llama.feed_forward_length"), t -> true);
        assertMessage(loadFails(bad), bad.toString(), "llama.feed_forward_length");
    }

    @Test
    void missingTensor() {
        Path bad = rewrite("missing.gguf", w -> { }, t -> !t.name().equals("blk.1.ffn_up.weight"));
        assertMessage(loadFails(bad), bad.toString(), "blk.1.ffn_up.weight");
    }

    @Test
    void missingTensorOnlyMattersToTheShardThatNeedsIt() {
        Path bad = rewrite("missing.gguf", w -> { }, t -> !t.name().equals("blk.2.attn_k.weight"));
        try (GGUFFile file = GGUFFile.open(bad)) {
            Shard.load(file, 0, 2, pool);
            assertMessage(assertThrows(GGUFException.class, () -> Shard.load(file, 2, 3, pool)), "blk.2.attn_k.weight");
        }
    }

    @Test
    void shapeDisagreesWithConfig() {
        Path bad = rewrite("shape.gguf", w -> w.putUInt32("llama.feed_forward_length", 256), t -> true);
        assertMessage(loadFails(bad), bad.toString(), "blk.0.ffn_gate.weight", "[256, 512]", "[256, 256]");
    }

    @Test
    void inconsistentHeadCounts() {
        Path bad = rewrite("heads.gguf", w -> w.putUInt32("llama.attention.head_count_kv", 3), t -> true);
        assertMessage(loadFails(bad), bad.toString(), "head_count_kv 3");
    }

    @Test
    void tensorTypeWithoutKernels() {
        // Q4_1 is a type the engine reads but will not compute with; the bytes only need the right size.
        Path bad = TestModels.rewrite(good, dir.resolve("q4_1.gguf"), w -> { }, (in, t, out) -> {
            if (t.name().equals("blk.0.attn_v.weight")) {
                out.addTensor(t.name(), GGMLType.Q4_1, t.shape(), TensorData.of(new byte[(int) GGMLType.Q4_1.bytesFor(t.elementCount())]));
            } else {
                TestModels.copy(in, t, out);
            }
        });
        Throwable e = loadFails(bad);
        assertMessage(e, bad.toString(), "blk.0.attn_v.weight", "Q4_1");
        assertInstanceOf(UnsupportedTensorTypeException.class, e.getCause());
    }

    @Test
    void unsupportedRopeScaling() {
        Path bad = rewrite("yarn.gguf", w -> w.putString("llama.rope.scaling.type", "yarn"), t -> true);
        assertMessage(loadFails(bad), bad.toString(), "'yarn'");
    }

    @Test
    void badCalls() {
        try (GGUFFile file = GGUFFile.open(good)) {
            Shard model = Shard.whole(file, pool);
            int context = model.config().contextLength();
            assertMessage(assertThrows(IllegalArgumentException.class, () -> model.prefill(new int[0], 0)), "empty");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> model.prefill(new int[context + 1], 0)),
                    "context length " + context, good.toString());
            assertMessage(assertThrows(IllegalArgumentException.class, () -> model.prefill(new int[] {1, 320}, 0)),
                    "token id 320");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> model.decode(-1, 0)), "token id -1");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> model.decode(1, 5)),
                    "position 5", "holds 0", "cannot be skipped");
            assertMessage(assertThrows(IllegalStateException.class, () -> model.forward(new float[256], 1, 0, Shard.Outputs.ALL)),
                    "takes token ids");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> model.truncate(1)), "truncate");
            assertThrows(IllegalArgumentException.class, () -> Shard.load(file, 2, 2, pool));
            assertThrows(IllegalArgumentException.class, () -> Shard.load(file, 0, 4, pool));

            model.prefill(new int[context - 1], 0);
            model.decode(1, context - 1);
            assertMessage(assertThrows(IllegalArgumentException.class, () -> model.decode(1, context)), "context length");

            Shard tail = Shard.load(file, 1, 3, pool);
            assertMessage(assertThrows(IllegalStateException.class, () -> tail.prefill(new int[] {1}, 0)), "hidden states");
            assertThrows(IllegalArgumentException.class, () -> tail.forward(new float[255], 1, 0, Shard.Outputs.ALL));
            assertThrows(IllegalArgumentException.class, () -> tail.forward(new float[0], 0, 0, Shard.Outputs.ALL));
        }
    }
}
