package io.edgellm.engine.train;

import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.quantize.RequantizedRows;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.Quantizer;
import io.edgellm.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a fully trained model as a GGUF file that the inference engine (and llama.cpp) loads: the
 * architecture's metadata keys from the {@link ModelConfig}, the given tokenizer's
 * {@code tokenizer.*} keys, and every tensor under llama.cpp's names: matrices in the requested type
 * (through the tensor package's quantizers), norms, biases and RoPE factors in F32 as llama.cpp
 * keeps them. Frozen mapped tensors are dequantized and written like trained ones. The file
 * appears atomically.
 */
final class ModelExport {

    private ModelExport() {
    }

    static void write(TrainableModel model, Path target, GGMLType type, GGUFMetadata tokenizer) throws IOException {
        if (!(model.method() instanceof FullTraining)) {
            throw new IllegalStateException("only fully trained models are written as a GGUF model; "
                    + model.method().describe() + " trains adapters that a GGUF model file cannot hold (merge them instead)");
        }
        Quantizer quantizer = Quantizer.forType(type);
        ModelConfig c = model.config();
        int vocab = c.vocabSize();
        if (!tokenizer.containsKey("tokenizer.ggml.tokens") || tokenizer.arrayLength("tokenizer.ggml.tokens") != vocab) {
            throw new IllegalArgumentException("the tokenizer has "
                    + (tokenizer.containsKey("tokenizer.ggml.tokens") ? tokenizer.arrayLength("tokenizer.ggml.tokens") : 0)
                    + " tokens but the model's vocabulary has " + vocab);
        }
        GGUFWriter w = new GGUFWriter();
        metadata(w, c);
        for (Map.Entry<String, GGUFValue> e : tokenizer.asMap().entrySet()) {
            if (e.getKey().startsWith("tokenizer.")) {
                w.put(e.getKey(), e.getValue());
            }
        }
        matrix(w, ModelBuilder.EMBEDDING, model.embeddingMatrix(), quantizer, model.pool());
        float[] factors = model.ropeFrequencyFactors();
        if (factors != null) {
            vector(w, ModelBuilder.ROPE_FREQS, factors);
        }
        for (Block b : model.blocks()) {
            vector(w, b.attentionNorm().name(), b.attentionNorm().value());
            for (TargetModule m : TargetModule.values()) {
                Linear l = b.projection(m);
                matrix(w, l.name(), l.weight(), quantizer, model.pool());
                if (l.bias() != null) {
                    vector(w, l.bias().name(), l.bias().value());
                }
                if (m == TargetModule.O) {
                    vector(w, b.feedForwardNorm().name(), b.feedForwardNorm().value());
                }
            }
        }
        vector(w, ModelBuilder.OUTPUT_NORM, model.outputNorm().value());
        if (!c.tiedEmbeddings()) {
            matrix(w, ModelBuilder.OUTPUT, model.head().weight(), quantizer, model.pool());
        }
        w.write(target);
    }

    /** The keys {@code ModelConfig.from} reads back, under the architecture's prefix. */
    private static void metadata(GGUFWriter w, ModelConfig c) {
        String p = c.architecture().ggufName() + ".";
        w.putString("general.architecture", c.architecture().ggufName());
        w.putString("general.name", "trained by edgellm");
        Map<String, Integer> ints = new LinkedHashMap<>();
        ints.put("vocab_size", c.vocabSize());
        ints.put("context_length", c.contextLength());
        ints.put("embedding_length", c.embeddingLength());
        ints.put("block_count", c.blockCount());
        ints.put("feed_forward_length", c.feedForwardLength());
        ints.put("attention.head_count", c.headCount());
        ints.put("attention.head_count_kv", c.headCountKv());
        ints.put("attention.key_length", c.keyLength());
        ints.put("attention.value_length", c.valueLength());
        ints.put("rope.dimension_count", c.ropeDimensions());
        ints.forEach((k, v) -> w.putUInt32(p + k, v));
        w.putFloat32(p + "rope.freq_base", c.ropeFreqBase());
        w.putFloat32(p + "attention.layer_norm_rms_epsilon", c.normEpsilon());
        if (c.ropeScale() != 1f) {
            w.putString(p + "rope.scaling.type", "linear");
            w.putFloat32(p + "rope.scaling.factor", c.ropeScale());
        }
    }

    private static void vector(GGUFWriter w, String name, float[] values) {
        w.addTensor(name, GGMLType.F32, new long[] {values.length}, new FloatTensorData(values));
    }

    private static void matrix(GGUFWriter w, String name, WeightMatrix m, Quantizer quantizer, ComputePool pool) {
        GGMLType type = quantizer.type();
        if (m.cols() % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "' has rows of " + m.cols() + " values, not whole "
                    + type + " blocks of " + type.blockSize());
        }
        w.addTensor(name, type, new long[] {m.cols(), m.rows()}, RequantizedRows.of(m, quantizer, pool));
    }
}
