package io.edgellm.engine.model;

import io.edgellm.engine.tensor.ComputePool;
import java.util.Arrays;

/**
 * Causal grouped-query attention over a block's cached keys and values, spread over the compute
 * pool by query head. Each head keeps one score row, grown with the cache and reused across
 * calls, so decoding allocates nothing here.
 */
final class Attention {

    private final int heads;
    private final int groupSize;
    private final int keyLength;
    private final int valueLength;
    private final int keyWidth;
    private final int valueWidth;
    private final float scale;
    private float[][] scores;

    Attention(ModelConfig c) {
        this.heads = c.headCount();
        this.groupSize = c.headCount() / c.headCountKv();
        this.keyLength = c.keyLength();
        this.valueLength = c.valueLength();
        this.keyWidth = c.keyWidth();
        this.valueWidth = c.valueWidth();
        this.scale = (float) (1.0 / Math.sqrt(keyLength));
        this.scores = new float[heads][0];
    }

    /**
     * For {@code n} queries at positions {@code start..start+n-1} (row-major in {@code q}), writes
     * each head's attention-weighted values to {@code out} (row-major, {@code heads × valueLength}
     * per query). Position {@code start + i} attends to positions {@code 0..start+i}, which the
     * cache must hold for this block.
     */
    void run(ComputePool pool, KVCache cache, int layer, float[] q, int n, int start, float[] out) {
        int positions = start + n;
        if (scores[0].length < positions) {
            int size = Math.max(positions, cache.capacity());
            for (int h = 0; h < heads; h++) {
                scores[h] = new float[size];
            }
        }
        pool.forEachRange(heads, (from, to) -> {
            for (int h = from; h < to; h++) {
                for (int i = 0; i < n; i++) {
                    head(cache, layer, h, q, i, start + i + 1, out);
                }
            }
        });
    }

    private void head(KVCache cache, int layer, int h, float[] q, int row, int positions, float[] out) {
        float[] s = scores[h];
        int qOff = (row * heads + h) * keyLength;
        int kOff = (h / groupSize) * keyLength;
        int vOff = (h / groupSize) * valueLength;
        int chunk = cache.chunkPositions();
        for (int c = 0, p0 = 0; p0 < positions; c++, p0 += chunk) {
            float[] keys = cache.keyChunk(layer, c);
            int count = Math.min(chunk, positions - p0);
            for (int p = 0; p < count; p++) {
                s[p0 + p] = VectorMath.dot(q, qOff, keys, p * keyWidth + kOff, keyLength) * scale;
            }
        }
        VectorMath.softmax(s, 0, positions);
        int o = (row * heads + h) * valueLength;
        Arrays.fill(out, o, o + valueLength, 0f);
        for (int c = 0, p0 = 0; p0 < positions; c++, p0 += chunk) {
            float[] vals = cache.valueChunk(layer, c);
            int count = Math.min(chunk, positions - p0);
            for (int p = 0; p < count; p++) {
                VectorMath.axpy(s[p0 + p], vals, p * valueWidth + vOff, out, o, valueLength);
            }
        }
    }
}
