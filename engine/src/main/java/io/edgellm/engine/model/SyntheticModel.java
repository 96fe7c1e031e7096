package io.edgellm.engine.model;

import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a random-weight Llama-family GGUF file that llama.cpp and this engine both load: the
 * metadata keys and tensor names of llama.cpp's converter, and a {@link SyntheticVocabulary}.
 *
 * <p>Matrices are drawn from {@code N(0, 1/sqrt(cols))} (0.022 at width 2048, the usual 0.02 init,
 * and just as well scaled for tiny test models): projections keep unit-scale activations, so
 * attention is neither uniform nor one-hot and logits have a spread of about one. Norm weights
 * are {@code N(1, 0.1)}, biases {@code N(0, 0.1)}. Tensors are generated while they are written.
 */
public final class SyntheticModel {

    private static final double NORM_SIGMA = 0.1;
    private static final double BIAS_SIGMA = 0.1;

    private SyntheticModel() {
    }

    /**
     * Writes {@code spec} with weights from {@code seed} to {@code target}.
     *
     * @param type storage type of the weight matrices; norms, biases and RoPE factors stay F32
     * @throws IllegalArgumentException for a type other than F32: quantized synthetic models need
     *                                  the quantizers of {@code io.edgellm.engine.tensor}, not there yet
     */
    public static void write(SyntheticSpec spec, GGMLType type, long seed, Path target) throws IOException {
        if (type != GGMLType.F32) {
            throw new IllegalArgumentException("synthetic models can be written as F32 only: no quantizer for " + type + " yet");
        }
        GGUFWriter w = new GGUFWriter();
        metadata(w, spec);
        SyntheticVocabulary.addTo(w, spec.vocabSize());

        int dim = spec.embeddingLength();
        int q = spec.headCount() * spec.headDim();
        int kv = spec.headCountKv() * spec.headDim();
        int ffn = spec.feedForwardLength();
        matrix(w, seed, type, "token_embd.weight", spec.vocabSize(), dim);
        if (spec.llama3Scaling() != null) {
            float[] factors = spec.llama3Scaling().frequencyFactors(spec.headDim(), spec.ropeFreqBase());
            w.addTensor(ModelConfig.ROPE_FREQS, GGMLType.F32, new long[] {factors.length}, TensorData.ofFloats(factors));
        }
        for (int b = 0; b < spec.blockCount(); b++) {
            vector(w, seed, LayerWeights.name(b, "attn_norm.weight"), dim, 1, NORM_SIGMA);
            matrix(w, seed, type, LayerWeights.name(b, "attn_q.weight"), q, dim);
            matrix(w, seed, type, LayerWeights.name(b, "attn_k.weight"), kv, dim);
            matrix(w, seed, type, LayerWeights.name(b, "attn_v.weight"), kv, dim);
            if (spec.architecture().requiresQkvBias()) {
                vector(w, seed, LayerWeights.name(b, "attn_q.bias"), q, 0, BIAS_SIGMA);
                vector(w, seed, LayerWeights.name(b, "attn_k.bias"), kv, 0, BIAS_SIGMA);
                vector(w, seed, LayerWeights.name(b, "attn_v.bias"), kv, 0, BIAS_SIGMA);
            }
            matrix(w, seed, type, LayerWeights.name(b, "attn_output.weight"), dim, q);
            vector(w, seed, LayerWeights.name(b, "ffn_norm.weight"), dim, 1, NORM_SIGMA);
            matrix(w, seed, type, LayerWeights.name(b, "ffn_gate.weight"), ffn, dim);
            matrix(w, seed, type, LayerWeights.name(b, "ffn_up.weight"), ffn, dim);
            matrix(w, seed, type, LayerWeights.name(b, "ffn_down.weight"), dim, ffn);
        }
        vector(w, seed, "output_norm.weight", dim, 1, NORM_SIGMA);
        if (!spec.tiedEmbeddings()) {
            matrix(w, seed, type, ModelConfig.OUTPUT, spec.vocabSize(), dim);
        }
        w.write(target);
    }

    private static void metadata(GGUFWriter w, SyntheticSpec spec) {
        String p = spec.architecture().ggufName() + ".";
        w.putString("general.architecture", spec.architecture().ggufName());
        w.putString("general.name", "synthetic " + spec.name());
        w.putUInt32(p + "vocab_size", spec.vocabSize());
        w.putUInt32(p + "context_length", spec.contextLength());
        w.putUInt32(p + "embedding_length", spec.embeddingLength());
        w.putUInt32(p + "block_count", spec.blockCount());
        w.putUInt32(p + "feed_forward_length", spec.feedForwardLength());
        w.putUInt32(p + "attention.head_count", spec.headCount());
        w.putUInt32(p + "attention.head_count_kv", spec.headCountKv());
        if (spec.headDim() * spec.headCount() != spec.embeddingLength()) {
            w.putUInt32(p + "attention.key_length", spec.headDim());
            w.putUInt32(p + "attention.value_length", spec.headDim());
        }
        w.putUInt32(p + "rope.dimension_count", spec.headDim());
        w.putFloat32(p + "rope.freq_base", spec.ropeFreqBase());
        w.putFloat32(p + "attention.layer_norm_rms_epsilon", spec.normEpsilon());
    }

    private static void matrix(GGUFWriter w, long seed, GGMLType type, String name, int rows, int cols) {
        w.addTensor(name, type, new long[] {cols, rows},
                new RandomTensor(seed, name, (long) rows * cols, 0, 1 / Math.sqrt(cols)));
    }

    private static void vector(GGUFWriter w, long seed, String name, int length, double mean, double sigma) {
        w.addTensor(name, GGMLType.F32, new long[] {length}, new RandomTensor(seed, name, length, mean, sigma));
    }
}
