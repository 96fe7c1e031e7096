package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.tensor.ComputePool;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench entry point and the memory a shard reports. */
class GenerationTimingTest {

    @TempDir
    Path dir;

    @Test
    void measuresPrefillThenDecode() {
        try (GGUFFile file = GGUFFile.open(TestModels.tiny("llama3", dir)); ComputePool pool = new ComputePool(2)) {
            Shard model = Shard.whole(file, pool);
            GenerationTiming t = GenerationTiming.measure(model, 16, 8, 1);
            assertEquals(16, t.promptTokens());
            assertEquals(8, t.decodeSteps());
            assertTrue(t.prefillNanos() > 0 && t.decodeNanos() > 0);
            assertTrue(t.prefillTokensPerSecond() > 0 && t.decodeTokensPerSecond() > 0);
            assertEquals(24, model.position());
            GenerationTiming.measure(model, 20, 4, 1);
            assertEquals(24, model.position(), "measure starts from an empty cache");
            assertThrows(IllegalArgumentException.class, () -> GenerationTiming.measure(Shard.load(file, 0, 2, pool), 4, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> GenerationTiming.measure(model, 250, 10, 1));
        }
    }

    @Test
    void reportsMappedWeightsAndAllocatedCache() {
        try (GGUFFile file = GGUFFile.open(TestModels.tiny("llama2", dir)); ComputePool pool = new ComputePool(1)) {
            long fileTensors = file.tensorInfos().stream().mapToLong(GGUFTensorInfo::byteSize).sum();
            Shard whole = Shard.whole(file, pool);
            assertEquals(fileTensors, whole.weightBytes());
            assertEquals(fileTensors, Shard.load(file, 0, 1, pool).weightBytes() + Shard.load(file, 1, 3, pool).weightBytes(),
                    "untied shards split the weights without overlap");

            ModelConfig c = whole.config();
            long chunk = (long) c.blockCount() * Shard.KV_CHUNK_POSITIONS * (c.keyWidth() + c.valueWidth()) * Float.BYTES;
            assertEquals(0, whole.kvCacheBytes());
            whole.prefill(new int[] {1, 2, 3}, 0);
            assertEquals(chunk, whole.kvCacheBytes());
            whole.prefill(new int[Shard.KV_CHUNK_POSITIONS], 3);
            assertEquals(2 * chunk, whole.kvCacheBytes());
            assertEquals(fileTensors + 2 * chunk, whole.memoryBytes());
        }
    }

    @Test
    void tiedHeadIsMappedByBothEndsOfAChain() {
        try (GGUFFile file = GGUFFile.open(TestModels.tiny("smollm", dir)); ComputePool pool = new ComputePool(1)) {
            long embedding = file.tensor("token_embd.weight").byteSize();
            long whole = Shard.whole(file, pool).weightBytes();
            long parts = Shard.load(file, 0, 2, pool).weightBytes() + Shard.load(file, 2, 3, pool).weightBytes();
            assertEquals(whole + embedding, parts);
        }
    }
}
