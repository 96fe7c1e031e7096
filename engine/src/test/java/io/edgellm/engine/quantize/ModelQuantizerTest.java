package io.edgellm.engine.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFException;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.model.SyntheticModel;
import io.edgellm.engine.model.SyntheticSpec;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelQuantizerTest {

    @TempDir
    static Path tmp;

    static Path f32;
    static ComputePool pool;
    static final SyntheticSpec SPEC = SyntheticSpec.preset("llama3").tiny();

    @BeforeAll
    static void writeModel() throws IOException {
        f32 = tmp.resolve("f32.gguf");
        SyntheticModel.write(SPEC, QuantizationScheme.F32, 9, f32);
        pool = new ComputePool(2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    /**
     * Quantizing the F32 model gives exactly the tensors of the same synthetic model written
     * straight in the scheme (both quantize the same values), and llama.cpp's type choices.
     */
    @ParameterizedTest
    @EnumSource(value = QuantizationScheme.class, names = {"Q8_0", "Q4_0", "Q4_K", "Q4_K_M", "Q5_K", "Q6_K", "F16", "BF16"})
    void quantizedModelEqualsTheModelWrittenInTheScheme(QuantizationScheme scheme) throws IOException {
        Path out = tmp.resolve(scheme + ".gguf");
        List<Integer> progress = new ArrayList<>();
        ModelQuantizer.quantize(f32, out, scheme, pool, (t, i, n) -> progress.add(i));
        Path direct = tmp.resolve(scheme + "-direct.gguf");
        SyntheticModel.write(SPEC, scheme, 9, direct);
        try (GGUFFile q = GGUFFile.open(out); GGUFFile d = GGUFFile.open(direct)) {
            assertEquals(scheme.fileType(), q.metadata().getInt("general.file_type"));
            assertEquals(d.tensorInfos().size(), progress.size());
            for (GGUFTensorInfo t : q.tensorInfos()) {
                GGUFTensorInfo expected = d.tensor(t.name());
                assertEquals(expected.type(), t.type(), t.name());
                assertEquals(-1, q.tensorData(t).mismatch(d.tensorData(expected)), "bytes of " + t.name());
            }
            assertEquals(GGMLType.F32, q.tensor("blk.0.attn_norm.weight").type(), "norms stay F32");
            GGMLType head = q.tensor("token_embd.weight").type();
            assertEquals(scheme.base().bitsPerWeight() < 6 ? GGMLType.Q6_K : scheme.base(), head,
                    "the tied embedding doubles as head");
        }
    }

    @Test
    void quantizedLogitsStayCloseToTheF32Model() throws IOException {
        Path q8 = tmp.resolve("close-q8.gguf");
        Path q4 = tmp.resolve("close-q4km.gguf");
        ModelQuantizer.quantize(f32, q8, QuantizationScheme.Q8_0, pool, (t, i, n) -> { });
        ModelQuantizer.quantize(f32, q4, QuantizationScheme.Q4_K_M, pool, (t, i, n) -> { });
        int[] prompt = {1, 300, 17, 80, 99, 5};
        float[] exact = logits(f32, prompt);
        double q8Error = relativeError(exact, logits(q8, prompt));
        double q4Error = relativeError(exact, logits(q4, prompt));
        assertTrue(q8Error < 0.05, "Q8_0 relative logit error " + q8Error);
        assertTrue(q4Error < 0.4, "Q4_K_M relative logit error " + q4Error);
        assertTrue(q8Error < q4Error, "more bits, smaller error: " + q8Error + " vs " + q4Error);
    }

    private static float[] logits(Path model, int[] prompt) {
        try (GGUFFile f = GGUFFile.open(model)) {
            return Shard.whole(f, pool).prefill(prompt, 0);
        }
    }

    private static double relativeError(float[] a, float[] b) {
        double err = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            err += (a[i] - b[i]) * (double) (a[i] - b[i]);
            norm += a[i] * (double) a[i];
        }
        return Math.sqrt(err / norm);
    }

    @Test
    void rowsThatAreNotWholeBlocksFallBack() {
        assertEquals(GGMLType.Q4_K, QuantizationScheme.fitting(GGMLType.Q4_K, 512));
        assertEquals(GGMLType.Q8_0, QuantizationScheme.fitting(GGMLType.Q4_K, 96));
        assertEquals(GGMLType.F16, QuantizationScheme.fitting(GGMLType.Q4_0, 24));
    }

    @Test
    void alreadyQuantizedModelsAndCorruptFilesLeaveNoOutput() throws IOException {
        Path q8 = tmp.resolve("input-q8.gguf");
        ModelQuantizer.quantize(f32, q8, QuantizationScheme.Q8_0, pool, (t, i, n) -> { });
        Path out = tmp.resolve("never.gguf");
        GGUFException e = assertThrows(GGUFException.class,
                () -> ModelQuantizer.quantize(q8, out, QuantizationScheme.Q4_0, pool, (t, i, n) -> { }));
        assertTrue(e.getMessage().contains("is already Q8_0"), e.getMessage());
        assertFalse(Files.exists(out));

        Path truncated = tmp.resolve("truncated.gguf");
        byte[] bytes = Files.readAllBytes(f32);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(GGUFException.class, () -> ModelQuantizer.quantize(truncated, out, QuantizationScheme.Q8_0, pool, (t, i, n) -> { }));
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("never")), "no output or temporary file left");
        }
        assertEquals("unknown quantization type 'q3_k' (known: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q4_K_M, Q5_K, Q6_K)",
                assertThrows(IllegalArgumentException.class, () -> QuantizationScheme.parse("q3_k")).getMessage());
    }
}
