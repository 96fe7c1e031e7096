package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.tensor.WeightMatrix;
import io.edgellm.engine.tensor.WeightMatrices;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.Tokenizers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticModelTest {

    @TempDir
    Path dir;

    @Test
    void carriesAValidSentencePieceVocabulary() {
        try (GGUFFile file = GGUFFile.open(TestModels.tiny("tinyllama", dir))) {
            GGUFMetadata md = file.metadata();
            assertEquals("llama", md.getString("tokenizer.ggml.model"));
            String[] tokens = md.getStringArray("tokenizer.ggml.tokens");
            int[] types = md.getIntArray("tokenizer.ggml.token_type");
            float[] scores = md.getFloatArray("tokenizer.ggml.scores");
            assertEquals(320, tokens.length);
            assertEquals(320, types.length);
            assertEquals(320, scores.length);
            assertEquals("<unk>", tokens[md.getInt("tokenizer.ggml.unknown_token_id")]);
            assertEquals("<s>", tokens[md.getInt("tokenizer.ggml.bos_token_id")]);
            assertEquals("</s>", tokens[md.getInt("tokenizer.ggml.eos_token_id")]);
            assertEquals(2, types[0]);
            assertEquals(3, types[1]);
            assertEquals(3, types[2]);
            for (int b = 0; b < 256; b++) {
                assertEquals(String.format("<0x%02X>", b), tokens[3 + b]);
                assertEquals(6, types[3 + b]);
            }
            Set<String> pieces = new HashSet<>(Arrays.asList(tokens));
            assertEquals(tokens.length, pieces.size(), "tokens are unique");
            for (int id = SyntheticVocabulary.FIRST_PIECE; id < tokens.length; id++) {
                assertEquals(1, types[id]);
                String piece = tokens[id];
                assertTrue(piece.length() == 1 || pieces.contains(piece.substring(0, piece.length() - 1)),
                        "prefix of '" + piece + "' is a piece");
            }
        }
    }

    @Test
    void theProjectsTokenizerRoundTripsTextThroughTheSyntheticVocabulary() {
        try (GGUFFile file = GGUFFile.open(TestModels.write(SyntheticSpec.preset("tinyllama").tiny(), dir))) {
            Tokenizer tokenizer = Tokenizers.fromMetadata(file.metadata());
            String text = "Hello world, ab ba! Ünïcode → falls back to bytes";
            int[] ids = tokenizer.encode(text, true, false);
            assertEquals(SyntheticVocabulary.BOS, ids[0]);
            assertTrue(ids.length < text.getBytes(StandardCharsets.UTF_8).length, "pieces merge");
            assertEquals(text, tokenizer.decode(ids));
            try (ComputePool pool = new ComputePool(1)) {
                assertEquals(320, Shard.whole(file, pool).prefill(ids, 0).length);
            }
        }
    }

    @Test
    void sameSeedSameFileOtherSeedOtherWeights() throws IOException {
        SyntheticSpec spec = SyntheticSpec.preset("qwen2").tiny();
        SyntheticModel.write(spec, QuantizationScheme.F32, 1, dir.resolve("a.gguf"));
        SyntheticModel.write(spec, QuantizationScheme.F32, 1, dir.resolve("b.gguf"));
        SyntheticModel.write(spec, QuantizationScheme.F32, 2, dir.resolve("c.gguf"));
        byte[] a = Files.readAllBytes(dir.resolve("a.gguf"));
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("b.gguf")));
        byte[] c = Files.readAllBytes(dir.resolve("c.gguf"));
        assertEquals(a.length, c.length);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void weightsHaveTheDocumentedScale() {
        try (GGUFFile file = GGUFFile.open(TestModels.tiny("llama2", dir))) {
            double[] ffnDown = stats(file, "blk.0.ffn_down.weight");
            assertEquals(0, ffnDown[0], 0.005);
            assertEquals(1 / Math.sqrt(512), ffnDown[1], 0.03 / Math.sqrt(512));
            double[] norm = stats(file, "blk.1.attn_norm.weight");
            assertEquals(1, norm[0], 0.03);
            assertEquals(0.1, norm[1], 0.02);
        }
    }

    private static double[] stats(GGUFFile file, String name) {
        float[] values = file.tensorData(name).toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED);
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(var / values.length)};
    }

    @Test
    void presetsHaveTheirModelsParameterCounts() {
        assertEquals(1.100e9, SyntheticSpec.preset("tinyllama").parameterCount(), 0.005e9);
        assertEquals(1.236e9, SyntheticSpec.preset("llama3").parameterCount(), 0.005e9);
        assertEquals(0.494e9, SyntheticSpec.preset("qwen2").parameterCount(), 0.005e9);
        assertEquals(0.1345e9, SyntheticSpec.preset("smollm").parameterCount(), 0.001e9);
        assertEquals(6.74e9, SyntheticSpec.preset("llama2").parameterCount(), 0.01e9);
        assertEquals(7.24e9, SyntheticSpec.preset("mistral").parameterCount(), 0.01e9);
        SyntheticSpec oneB = SyntheticSpec.preset("1B");
        assertEquals(2048, oneB.embeddingLength());
        assertEquals(16, oneB.blockCount());
        assertEquals(8, oneB.headCountKv());
        assertEquals(8192, oneB.feedForwardLength());
        assertEquals(32000, oneB.vocabSize());
        assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.preset("gpt2"));
    }

    @Test
    void tinyKeepsTheFamilyTraits() {
        for (String name : SyntheticSpec.presetNames()) {
            SyntheticSpec full = SyntheticSpec.preset(name);
            SyntheticSpec tiny = full.tiny();
            assertEquals(full.architecture(), tiny.architecture());
            assertEquals(full.tiedEmbeddings(), tiny.tiedEmbeddings());
            assertEquals(full.llama3Scaling(), tiny.llama3Scaling());
            assertEquals(full.headCount() == full.headCountKv(), tiny.headCount() == tiny.headCountKv(), name);
        }
    }

    @Test
    void llama3FrequencyFactorsSpanTheThreeRegimes() {
        float[] f = Llama3RopeScaling.LLAMA_3_2.frequencyFactors(64, 500000f);
        assertEquals(32, f.length);
        assertEquals(1f, f[0]);
        assertEquals(32f, f[31]);
        boolean blended = false;
        for (int i = 1; i < f.length; i++) {
            assertTrue(f[i] >= f[i - 1], "non-decreasing");
            blended |= f[i] > 1 && f[i] < 32;
        }
        assertTrue(blended, "some frequencies fall between the two wavelength thresholds");
    }

    @Test
    void quantizedModelsHoldTheSameValuesInTheSchemesTypes() throws IOException {
        SyntheticSpec spec = SyntheticSpec.preset("llama2").tiny();
        SyntheticModel.write(spec, QuantizationScheme.F32, 4, dir.resolve("f32.gguf"));
        SyntheticModel.write(spec, QuantizationScheme.Q4_K_M, 4, dir.resolve("q4km.gguf"));
        try (GGUFFile f32 = GGUFFile.open(dir.resolve("f32.gguf")); GGUFFile q = GGUFFile.open(dir.resolve("q4km.gguf"))) {
            assertEquals(GGMLType.Q6_K, q.tensor("output.weight").type());
            assertEquals(GGMLType.Q4_K, q.tensor("blk.1.attn_q.weight").type());
            assertEquals(GGMLType.Q6_K, q.tensor("blk.2.ffn_down.weight").type(), "more bits in the last eighth of the blocks");
            assertEquals(GGMLType.Q4_K, q.tensor("blk.1.ffn_down.weight").type());
            assertEquals(GGMLType.F32, q.tensor("blk.1.attn_norm.weight").type());
            assertEquals(15, q.metadata().getInt("general.file_type"));
            GGUFTensorInfo t = f32.tensor("blk.1.ffn_up.weight");
            int rows = (int) t.dim(1);
            int cols = (int) t.dim(0);
            WeightMatrix exact = WeightMatrices.of(GGMLType.F32, f32.tensorData(t), rows, cols);
            WeightMatrix quantized = WeightMatrices.of(GGMLType.Q4_K, q.tensorData("blk.1.ffn_up.weight"), rows, cols);
            float[] a = new float[cols];
            float[] b = new float[cols];
            double err = 0;
            double norm = 0;
            for (int r = 0; r < rows; r++) {
                exact.dequantizeRow(r, a, 0);
                quantized.dequantizeRow(r, b, 0);
                for (int c = 0; c < cols; c++) {
                    err += (a[c] - b[c]) * (a[c] - b[c]);
                    norm += a[c] * a[c];
                }
            }
            double relative = Math.sqrt(err / norm);
            assertTrue(relative > 0 && relative < 0.15, "Q4_K holds the F32 model's values, relative RMS error " + relative);
        }
    }

    @Test
    void randomTensorsAreStreamedInBoundedChunks() throws IOException {
        long elements = 3_000_000;
        long[] written = new long[2];
        try (ComputePool pool = new ComputePool(1)) {
            RandomTensor tensor = new RandomTensor(1, "big", 3000, 1000, GGMLType.F32, 0, 1, pool);
            assertEquals(elements * 4, tensor.byteSize());
            tensor.writeTo(new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                written[0] += n;
                written[1] = Math.max(written[1], n);
                src.position(src.limit());
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        });
        }
        assertEquals(elements * 4, written[0]);
        assertTrue(written[1] <= 4 << 20, "largest write " + written[1]);
    }
}
