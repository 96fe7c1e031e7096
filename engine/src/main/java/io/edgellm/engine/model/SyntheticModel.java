package io.edgellm.engine.model;

import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.ComputePool;
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

    /**
     * Writes {@code spec} with weights from {@code seed} to {@code target}.
     *
     * @param scheme storage types of the weight matrices, chosen per tensor as {@code edgellm quantize}
     *               would; norms, biases and RoPE factors stay F32. The values drawn do not depend on it.
     */
    public static void write(SyntheticSpec spec, QuantizationScheme scheme, long seed, Path target) throws IOException {
        try (ComputePool pool = new ComputePool(Runtime.getRuntime().availableProcessors())) {
            new SyntheticModel(spec, scheme, seed, pool).writeTo(target);
        }
    }

    private final SyntheticSpec spec;
    private final QuantizationScheme scheme;
    private final long seed;
    private final ComputePool pool;
    private final GGUFWriter w = new GGUFWriter();

    private SyntheticModel(SyntheticSpec spec, QuantizationScheme scheme, long seed, ComputePool pool) {
        this.spec = spec;
        this.scheme = scheme;
        this.seed = seed;
        this.pool = pool;
    }

    private void writeTo(Path target) throws IOException {
        metadata(w, spec);
        w.putUInt32("general.file_type", scheme.fileType());
        SyntheticVocabulary.addTo(w, spec.vocabSize());

        int dim = spec.embeddingLength();
        int q = spec.headCount() * spec.headDim();
        int kv = spec.headCountKv() * spec.headDim();
        int ffn = spec.feedForwardLength();
        matrix("token_embd.weight", spec.vocabSize(), dim);
        if (spec.llama3Scaling() != null) {
            float[] factors = spec.llama3Scaling().frequencyFactors(spec.headDim(), spec.ropeFreqBase());
            w.addTensor(ModelConfig.ROPE_FREQS, GGMLType.F32, new long[] {factors.length}, TensorData.ofFloats(factors));
        }
        for (int b = 0; b < spec.blockCount(); b++) {
            vector(LayerWeights.name(b, "attn_norm.weight"), dim, 1, NORM_SIGMA);
            matrix(LayerWeights.name(b, "attn_q.weight"), q, dim);
            matrix(LayerWeights.name(b, "attn_k.weight"), kv, dim);
            matrix(LayerWeights.name(b, "attn_v.weight"), kv, dim);
            if (spec.architecture().requiresQkvBias()) {
                vector(LayerWeights.name(b, "attn_q.bias"), q, 0, BIAS_SIGMA);
                vector(LayerWeights.name(b, "attn_k.bias"), kv, 0, BIAS_SIGMA);
                vector(LayerWeights.name(b, "attn_v.bias"), kv, 0, BIAS_SIGMA);
            }
            matrix(LayerWeights.name(b, "attn_output.weight"), dim, q);
            vector(LayerWeights.name(b, "ffn_norm.weight"), dim, 1, NORM_SIGMA);
            matrix(LayerWeights.name(b, "ffn_gate.weight"), ffn, dim);
            matrix(LayerWeights.name(b, "ffn_up.weight"), ffn, dim);
            matrix(LayerWeights.name(b, "ffn_down.weight"), dim, ffn);
        }
        vector("output_norm.weight", dim, 1, NORM_SIGMA);
        if (!spec.tiedEmbeddings()) {
            matrix(ModelConfig.OUTPUT, spec.vocabSize(), dim);
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

    private void matrix(String name, int rows, int cols) {
        GGMLType type = QuantizationScheme.fitting(scheme.wantedType(name, spec.blockCount(), spec.tiedEmbeddings()), cols);
        w.addTensor(name, type, new long[] {cols, rows},
                new RandomTensor(seed, name, rows, cols, type, 0, 1 / Math.sqrt(cols), pool));
    }

    private void vector(String name, int length, double mean, double sigma) {
        w.addTensor(name, GGMLType.F32, new long[] {length},
                new RandomTensor(seed, name, 1, length, GGMLType.F32, mean, sigma, pool));
    }
}
