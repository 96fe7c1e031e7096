package io.edgellm.engine.model;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.tensor.WeightMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensors one shard needs: its blocks, the token embedding when it is the first shard, and
 * the output norm and head when it is the last. Parts the shard does not run are not touched, so
 * their pages of the mapping are never read.
 *
 * @param tokenEmbedding       {@code vocab × dim}, or null when the shard does not start at block 0
 * @param outputNorm           null unless the shard ends at the last block
 * @param output               {@code vocab × dim} head (the embedding itself when tied), or null
 * @param ropeFrequencyFactors llama3 per-frequency divisors, or null when the model has none
 */
record ShardWeights(
        WeightMatrix tokenEmbedding,
        List<LayerWeights> layers,
        float[] outputNorm,
        WeightMatrix output,
        float[] ropeFrequencyFactors) {

    static ShardWeights load(GGUFFile file, ModelConfig c, int fromBlock, int toBlock) {
        TensorReader in = new TensorReader(file);
        int dim = c.embeddingLength();
        boolean first = fromBlock == 0;
        boolean last = toBlock == c.blockCount();
        WeightMatrix embedding = first || (last && c.tiedEmbeddings())
                ? in.matrix("token_embd.weight", c.vocabSize(), dim) : null;
        List<LayerWeights> layers = new ArrayList<>(toBlock - fromBlock);
        for (int b = fromBlock; b < toBlock; b++) {
            layers.add(LayerWeights.load(in, c, b));
        }
        float[] outputNorm = last ? in.vector("output_norm.weight", dim) : null;
        WeightMatrix output = !last ? null
                : c.tiedEmbeddings() ? embedding : in.matrix(ModelConfig.OUTPUT, c.vocabSize(), dim);
        float[] factors = c.ropeFrequencyFactors()
                ? in.vector(ModelConfig.ROPE_FREQS, c.ropeDimensions() / 2) : null;
        return new ShardWeights(first ? embedding : null, List.copyOf(layers), outputNorm, output, factors);
    }

    /** Bytes of weights the shard maps (matrices) or holds (vectors); a tied head counts once. */
    long byteSize() {
        long bytes = 0;
        for (LayerWeights layer : layers) {
            bytes += layer.byteSize();
        }
        if (tokenEmbedding != null) {
            bytes += tokenEmbedding.byteSize();
        }
        if (output != null && output != tokenEmbedding) {
            bytes += output.byteSize();
        }
        if (outputNorm != null) {
            bytes += (long) outputNorm.length * Float.BYTES;
        }
        if (ropeFrequencyFactors != null) {
            bytes += (long) ropeFrequencyFactors.length * Float.BYTES;
        }
        return bytes;
    }
}
