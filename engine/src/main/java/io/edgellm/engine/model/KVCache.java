package io.edgellm.engine.model;

import java.util.Arrays;

/**
 * Keys and values of the positions a shard has seen, for each of its blocks. Storage grows in
 * chunks of {@link #chunkPositions()} positions as positions arrive, so a short conversation with
 * a long-context model holds only what it used. Within a chunk, position {@code p} of a block
 * occupies {@code keyWidth} (or {@code valueWidth}) consecutive floats: all KV heads side by side.
 */
final class KVCache {

    private final int layers;
    private final int keyWidth;
    private final int valueWidth;
    private final int chunkPositions;
    /** [layer][chunk] → chunkPositions × width floats. */
    private float[][][] keys;
    private float[][][] values;
    private int chunks;
    private int length;

    KVCache(int layers, int keyWidth, int valueWidth, int chunkPositions) {
        if (chunkPositions < 1) {
            throw new IllegalArgumentException("chunkPositions must be positive, got " + chunkPositions);
        }
        this.layers = layers;
        this.keyWidth = keyWidth;
        this.valueWidth = valueWidth;
        this.chunkPositions = chunkPositions;
        this.keys = new float[layers][0][];
        this.values = new float[layers][0][];
    }

    /** Positions held: the next token goes to position {@code length()}. */
    int length() {
        return length;
    }

    int chunkPositions() {
        return chunkPositions;
    }

    /** Positions storage is allocated for. */
    int capacity() {
        return chunks * chunkPositions;
    }

    /** Allocates chunks until positions {@code [0, positions)} have storage. */
    void reserve(int positions) {
        int needed = Math.ceilDiv(positions, chunkPositions);
        if (needed <= chunks) {
            return;
        }
        for (int l = 0; l < layers; l++) {
            keys[l] = grow(keys[l], needed, keyWidth);
            values[l] = grow(values[l], needed, valueWidth);
        }
        chunks = needed;
    }

    private float[][] grow(float[][] layerChunks, int needed, int width) {
        float[][] grown = Arrays.copyOf(layerChunks, needed);
        for (int c = chunks; c < needed; c++) {
            grown[c] = new float[chunkPositions * width];
        }
        return grown;
    }

    /** Copies one position's keys and values (already rotated) into block {@code layer}. */
    void store(int layer, int position, float[] k, int kOff, float[] v, int vOff) {
        int chunk = position / chunkPositions;
        int slot = position % chunkPositions;
        System.arraycopy(k, kOff, keys[layer][chunk], slot * keyWidth, keyWidth);
        System.arraycopy(v, vOff, values[layer][chunk], slot * valueWidth, valueWidth);
    }

    float[] keyChunk(int layer, int chunk) {
        return keys[layer][chunk];
    }

    float[] valueChunk(int layer, int chunk) {
        return values[layer][chunk];
    }

    /** Marks positions up to {@code newLength} as filled, once every block has stored them. */
    void extendTo(int newLength) {
        if (newLength < length || newLength > capacity()) {
            throw new IllegalStateException("cannot extend a cache of " + length + " positions (capacity "
                    + capacity() + ") to " + newLength);
        }
        length = newLength;
    }

    /**
     * Forgets positions from {@code newLength} on. Storage is kept, since positions dropped after a
     * rejected speculative draft are usually filled again right away.
     */
    void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate a cache of " + length + " positions to " + newLength);
        }
        length = newLength;
    }

    /** Forgets every position and releases the storage. */
    void reset() {
        length = 0;
        chunks = 0;
        keys = new float[layers][0][];
        values = new float[layers][0][];
    }

    /** Bytes of key and value storage allocated. */
    long allocatedBytes() {
        return (long) layers * chunks * chunkPositions * (keyWidth + valueWidth) * Float.BYTES;
    }
}
