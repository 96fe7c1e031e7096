package io.edgellm.engine.train.ops;

/**
 * Sizes of causal grouped-query attention over a batch of {@code sequences} sequences of
 * {@code length} rows each: {@code heads} query heads share {@code kvHeads} key/value heads in
 * groups of {@code heads / kvHeads}.
 */
public record AttentionShape(int sequences, int length, int heads, int kvHeads, int keyLength, int valueLength) {

    public AttentionShape {
        if (sequences < 1 || length < 1 || heads < 1 || kvHeads < 1 || keyLength < 1 || valueLength < 1) {
            throw new IllegalArgumentException("attention sizes must be positive: " + sequences + " sequences of " + length
                    + ", " + heads + "/" + kvHeads + " heads of " + keyLength + "/" + valueLength);
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads are not a multiple of " + kvHeads + " key/value heads");
        }
    }

    public int rows() {
        return sequences * length;
    }

    public int queryWidth() {
        return heads * keyLength;
    }

    public int keyWidth() {
        return kvHeads * keyLength;
    }

    public int valueWidth() {
        return kvHeads * valueLength;
    }

    public int outputWidth() {
        return heads * valueLength;
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /** Floats of attention probabilities kept for the backward pass: a {@code length²} square per sequence and head. */
    public long probabilityCount() {
        return (long) sequences * heads * length * length;
    }

    /** Scratch floats per (sequence, key/value head) task: a transposed key or value block and a {@code length²} square. */
    int workPerTask() {
        return Math.max(keyLength, valueLength) * length + length * length;
    }

    /** Scratch floats the attention passes need, so that they allocate nothing. */
    public int workSize() {
        return Math.toIntExact((long) sequences * kvHeads * workPerTask());
    }

    /**
     * Multiply-adds ×2 of the forward pass as computed (causal: row {@code t} scores {@code t + 1}
     * positions): {@code Q·Kᵀ} and {@code P·V}. The backward pass computes four such products.
     */
    public long forwardFlops() {
        long pairs = (long) length * (length + 1) / 2;
        return 2L * sequences * heads * pairs * (keyLength + valueLength);
    }
}
