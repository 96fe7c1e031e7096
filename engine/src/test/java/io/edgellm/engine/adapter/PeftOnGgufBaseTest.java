package io.edgellm.engine.adapter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.safetensors.DType;
import io.edgellm.engine.safetensors.SafetensorsWriter;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.train.TargetModule;
import io.edgellm.engine.train.ops.TestPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PEFT adapter written as Hugging Face writes it, applied to a Llama base converted to GGUF
 * the way llama.cpp converts it (query and key rows permuted), gives the logits of Hugging Face's
 * own computation: base and adapter in Hugging Face layout with {@code rotate_half} RoPE.
 */
class PeftOnGgufBaseTest {

    private static final ModelConfig C = AdapterFixtures.config(Architecture.LLAMA);
    private static final int RANK = 4;
    private static final float ALPHA = 8;
    private static final String[] MODULES = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
        "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"};

    @TempDir
    Path tmp;

    @Test
    void peftAdapterOnGgufBaseMatchesHuggingFaceLayout() throws IOException {
        Path base = AdapterFixtures.writeBase(tmp, C, 21);
        HuggingFaceLlama hf = huggingFaceBase(base);
        Path peft = tmp.resolve("peft");
        Files.createDirectories(peft);
        SafetensorsWriter st = new SafetensorsWriter().putMetadata("format", "pt");
        List<LoraTensors> unpermuted = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int l = 0; l < C.blockCount(); l++) {
            for (int m = 0; m < MODULES.length; m++) {
                TargetModule module = TargetModule.values()[m];
                int in = module.inputWidth(C);
                int out = module.outputWidth(C);
                double[] a = gaussian(random, RANK * in, 1 / Math.sqrt(in));
                double[] b = gaussian(random, out * RANK, 0.3);
                String name = "base_model.model.model.layers." + l + "." + MODULES[m];
                st.addFloats(name + ".lora_A.weight", DType.F32, new long[] {RANK, in}, floats(a));
                st.addFloats(name + ".lora_B.weight", DType.F32, new long[] {out, RANK}, floats(b));
                hf.addLora("model.layers." + l + "." + MODULES[m], a, b, RANK, ALPHA / RANK);
                unpermuted.add(new LoraTensors(l, module, RANK, in, out, floats(a), floats(b)));
            }
        }
        st.write(peft.resolve(PeftAdapter.WEIGHTS));
        Files.writeString(peft.resolve(PeftAdapter.CONFIG), """
                {"alpha_pattern": {}, "base_model_name_or_path": "test/tiny-llama", "bias": "none", "fan_in_fan_out": false,
                 "inference_mode": true, "lora_alpha": 8, "lora_dropout": 0.0, "modules_to_save": null, "peft_type": "LORA",
                 "r": 4, "rank_pattern": {}, "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                 "up_proj", "down_proj"], "task_type": "CAUSAL_LM", "use_dora": false, "use_rslora": false}
                """);

        int[] tokens = AdapterFixtures.tokens(10, 9);
        double[][] expected = hf.logits(tokens);
        LoraWeights lora = PeftAdapter.read(peft, C);
        Path merged = tmp.resolve("merged.gguf");
        LoraMerger.merge(base, lora, merged, GGMLType.F32);
        try (GGUFFile file = GGUFFile.open(base); GGUFFile mergedFile = GGUFFile.open(merged)) {
            float[] applied = AdapterFixtures.withLora(file, lora).logits(tokens);
            assertClose(expected, applied, 1e-4, "PEFT adapter applied to the GGUF base");
            float[] viaMerge = Shard.whole(mergedFile, TestPool.POOL).forward(tokens, 0, Shard.Outputs.ALL);
            assertClose(expected, viaMerge, 1e-4, "merged into the GGUF base, run by the inference engine");
            float[] wrong = AdapterFixtures.withLora(file, new LoraWeights(ALPHA, 0, null, unpermuted)).logits(tokens);
            assertTrue(maxError(expected, wrong) > 1e-2, "without the permutation the logits differ: " + maxError(expected, wrong));
        }
    }

    /** The base's weights under Hugging Face names, query and key rows put back from llama.cpp's order. */
    private static HuggingFaceLlama huggingFaceBase(Path base) {
        HuggingFaceLlama hf = new HuggingFaceLlama(C.blockCount(), C.embeddingLength(), C.headCount(), C.headCountKv(),
                C.feedForwardLength(), C.vocabSize(), C.normEpsilon(), C.ropeFreqBase());
        try (GGUFFile f = GGUFFile.open(base)) {
            for (GGUFTensorInfo t : f.tensorInfos()) {
                float[] v = new float[(int) t.elementCount()];
                f.tensorData(t).asByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                double[] values = doubles(v);
                String name = t.name();
                if (name.endsWith("attn_q.weight")) {
                    values = unpermute(values, C.headCount(), C.embeddingLength());
                } else if (name.endsWith("attn_k.weight")) {
                    values = unpermute(values, C.headCountKv(), C.embeddingLength());
                }
                hf.put(huggingFaceName(name), values);
            }
        }
        return hf;
    }

    /**
     * Inverts llama.cpp's {@code permute}: {@code w.reshape(heads, 2, d/2, cols).swapaxes(1, 2)}, which
     * puts Hugging Face row {@code (h, j, i)} at GGUF row {@code (h, i, j)}.
     */
    private static double[] unpermute(double[] gguf, int heads, int cols) {
        int rows = gguf.length / cols;
        int d = rows / heads;
        double[] hf = new double[gguf.length];
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < d / 2; i++) {
                    System.arraycopy(gguf, (h * d + i * 2 + j) * cols, hf, (h * d + j * (d / 2) + i) * cols, cols);
                }
            }
        }
        return hf;
    }

    private static String huggingFaceName(String gguf) {
        if (gguf.equals("token_embd.weight")) {
            return "model.embed_tokens.weight";
        }
        if (gguf.equals("output_norm.weight")) {
            return "model.norm.weight";
        }
        String[] p = gguf.split("\\.");
        String module = switch (p[2]) {
            case "attn_norm" -> "input_layernorm";
            case "ffn_norm" -> "post_attention_layernorm";
            default -> TargetModule.parse(p[2]).peftPath();
        };
        return "model.layers." + p[1] + "." + module + ".weight";
    }

    private static void assertClose(double[][] expected, float[] actual, double tolerance, String what) {
        double error = maxError(expected, actual);
        assertTrue(error < tolerance, what + ": max error " + error + " relative to the largest logit");
    }

    private static double maxError(double[][] expected, float[] actual) {
        return AdapterFixtures.relativeError(Arrays.stream(expected).flatMapToDouble(Arrays::stream).toArray(), actual);
    }

    private static double[] gaussian(SplittableRandom random, int n, double sigma) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Values a float holds exactly, so that the float factors in the file are these doubles.
            v[i] = (float) (sigma * random.nextGaussian());
        }
        return v;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
