package io.edgellm.engine.model;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.tensor.ComputePool;

/**
 * Transformer blocks {@code [fromBlock, toBlock)} of a Llama-family model with their own KV cache:
 * the unit that split inference places on a node. The first shard ({@code fromBlock == 0}) takes
 * token ids, the others take the previous shard's hidden states ({@code n × dim} floats,
 * row-major); the last shard ({@code toBlock == blockCount}) returns logits, the others hidden
 * states. A whole model is the shard {@code [0, blockCount)}.
 *
 * <p>A shard holds at least one block. An empty shard would make the kind of input ambiguous
 * ({@code [0, 0)} then {@code [0, L)} would both start at block 0), and an embedding lookup alone
 * is not worth a network hop; the embedding rides with the first block, the head with the last.
 *
 * <p>Positions are explicit: a call covering {@code n} tokens from {@code startPosition} must
 * start where the cache ends ({@link #position()}); go back with {@link #truncate}. Long inputs
 * run in sub-batches of at most {@code maxBatch} tokens through matrix-matrix products; single
 * tokens use matrix-vector products and allocate nothing. Matrix work and attention heads are
 * spread over the caller's {@link ComputePool}.
 *
 * <p>The shard reads its weights from the {@link GGUFFile}'s mapping, which must stay open while
 * the shard is used. A shard is not thread-safe: one caller at a time.
 */
public final class Shard {

    /** Which positions of a call produce output. */
    public enum Outputs {
        /** Only the last position: next-token logits after a prompt. */
        LAST,
        /** Every position: speculative-decoding verification, and hidden states for the next shard. */
        ALL
    }

    /** Tokens per sub-batch of prefill unless a shard is loaded with another limit. */
    public static final int DEFAULT_MAX_BATCH = 128;
    /** Positions per KV-cache allocation. */
    static final int KV_CHUNK_POSITIONS = 64;

    private final ModelConfig config;
    private final int fromBlock;
    private final int toBlock;
    private final ComputePool pool;
    private final ShardWeights weights;
    private final KVCache cache;
    private final TransformerBlocks blocks;
    private final int maxBatch;
    private final Workspace single;
    private final float[] decodeOutput;
    private Workspace batch;

    private Shard(ModelConfig config, ShardWeights weights, int fromBlock, int toBlock, ComputePool pool, int maxBatch) {
        this.config = config;
        this.weights = weights;
        this.fromBlock = fromBlock;
        this.toBlock = toBlock;
        this.pool = pool;
        this.maxBatch = maxBatch;
        this.cache = new KVCache(toBlock - fromBlock, config.keyWidth(), config.valueWidth(), KV_CHUNK_POSITIONS);
        this.blocks = new TransformerBlocks(config, weights.layers(), cache, pool,
                new Rope(config, weights.ropeFrequencyFactors()));
        this.single = new Workspace(config, 1);
        this.decodeOutput = new float[outputWidth()];
    }

    /** The whole model in {@code file} as one shard. */
    public static Shard whole(GGUFFile file, ComputePool pool) {
        ModelConfig config = ModelConfig.from(file);
        return load(file, config, 0, config.blockCount(), pool, DEFAULT_MAX_BATCH);
    }

    /** Blocks {@code [fromBlock, toBlock)} of the model in {@code file}. */
    public static Shard load(GGUFFile file, int fromBlock, int toBlock, ComputePool pool) {
        return load(file, ModelConfig.from(file), fromBlock, toBlock, pool, DEFAULT_MAX_BATCH);
    }

    /**
     * Blocks {@code [fromBlock, toBlock)} of the model in {@code file}, described by {@code config}.
     *
     * @param maxBatch the most tokens run through the blocks together (bounds the prefill buffers)
     * @throws io.edgellm.engine.gguf.GGUFException naming the file and tensor when a tensor the
     *         shard needs is missing, has the wrong shape or a type without kernels
     */
    public static Shard load(GGUFFile file, ModelConfig config, int fromBlock, int toBlock, ComputePool pool, int maxBatch) {
        if (fromBlock < 0 || fromBlock >= toBlock || toBlock > config.blockCount()) {
            throw new IllegalArgumentException("blocks [" + fromBlock + ", " + toBlock + ") are not a non-empty range within the "
                    + config.blockCount() + " blocks of " + config.label());
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive, got " + maxBatch);
        }
        ShardWeights weights = ShardWeights.load(file, config, fromBlock, toBlock);
        return new Shard(config, weights, fromBlock, toBlock, pool, maxBatch);
    }

    public ModelConfig config() {
        return config;
    }

    public int fromBlock() {
        return fromBlock;
    }

    public int toBlock() {
        return toBlock;
    }

    /** Whether this shard takes token ids. */
    public boolean isFirst() {
        return fromBlock == 0;
    }

    /** Whether this shard produces logits. */
    public boolean isLast() {
        return toBlock == config.blockCount();
    }

    /** Floats per position of output: the vocabulary size for the last shard, the embedding width otherwise. */
    public int outputWidth() {
        return isLast() ? config.vocabSize() : config.embeddingLength();
    }

    /** Positions in the KV cache: where the next call must start. */
    public int position() {
        return cache.length();
    }

    /** Forgets positions from {@code position} on (e.g. rejected draft tokens); the next call starts there. */
    public void truncate(int position) {
        cache.truncate(position);
    }

    /** Forgets every position and frees the KV cache. */
    public void reset() {
        cache.reset();
    }

    /** Bytes of weights this shard maps or holds (what it reads per token). */
    public long weightBytes() {
        return weights.byteSize();
    }

    /** Bytes allocated for the KV cache now; grows in chunks with the positions used. */
    public long kvCacheBytes() {
        return cache.allocatedBytes();
    }

    /** Weights plus KV cache: the memory this shard occupies on its node, activation buffers aside. */
    public long memoryBytes() {
        return weightBytes() + kvCacheBytes();
    }

    /** Logits after the prompt {@code tokens} placed at {@code startPosition}: {@code forward(tokens, startPosition, LAST)}. */
    public float[] prefill(int[] tokens, int startPosition) {
        return forward(tokens, startPosition, Outputs.LAST);
    }

    /**
     * Runs token ids through a first shard.
     *
     * @return a new array: for {@link Outputs#LAST} one row, for {@link Outputs#ALL} {@code tokens.length}
     *         rows of {@link #outputWidth()} floats (logits when this shard is also the last)
     * @throws IllegalStateException    when this shard does not start at block 0
     * @throws IllegalArgumentException for an empty input, a token outside the vocabulary, a start
     *                                  other than {@link #position()} or an end past the context length
     */
    public float[] forward(int[] tokens, int startPosition, Outputs outputs) {
        requireFirst(true);
        checkTokens(tokens);
        return run(tokens, null, tokens.length, startPosition, outputs);
    }

    /**
     * Runs {@code n} hidden states (row-major, {@code n × dim}) from the previous shard.
     *
     * @return as {@link #forward(int[], int, Outputs)}
     */
    public float[] forward(float[] hidden, int n, int startPosition, Outputs outputs) {
        requireFirst(false);
        int dim = config.embeddingLength();
        if (n < 1 || hidden.length != n * dim) {
            throw new IllegalArgumentException("expected " + n + " hidden states of " + dim + " floats (n ≥ 1), got "
                    + hidden.length + " floats");
        }
        return run(null, hidden, n, startPosition, outputs);
    }

    /**
     * Runs one token at {@code position} through a first shard without allocating.
     *
     * @return {@link #outputWidth()} floats owned by the shard and overwritten by the next decode
     */
    public float[] decode(int token, int position) {
        requireFirst(true);
        checkToken(token);
        checkPositions(position, 1);
        weights.tokenEmbedding().dequantizeRow(token, single.x, 0);
        blocks.run(single, 1, position);
        emit(single, 0, 1, decodeOutput, 0);
        return decodeOutput;
    }

    private float[] run(int[] tokens, float[] hidden, int n, int start, Outputs outputs) {
        checkPositions(start, n);
        int width = outputWidth();
        float[] result = new float[(outputs == Outputs.ALL ? n : 1) * width];
        for (int done = 0; done < n; done += maxBatch) {
            int m = Math.min(maxBatch, n - done);
            Workspace ws = workspace(m);
            if (tokens != null) {
                embed(tokens, done, m, ws);
            } else {
                System.arraycopy(hidden, done * config.embeddingLength(), ws.x, 0, m * config.embeddingLength());
            }
            blocks.run(ws, m, start + done);
            if (outputs == Outputs.ALL) {
                emit(ws, 0, m, result, done * width);
            } else if (done + m == n) {
                emit(ws, m - 1, 1, result, 0);
            }
        }
        return result;
    }

    private Workspace workspace(int rows) {
        if (rows == 1) {
            return single;
        }
        if (batch == null || batch.rows < rows) {
            batch = new Workspace(config, Math.min(maxBatch, Math.max(rows, batch == null ? 0 : 2 * batch.rows)));
        }
        return batch;
    }

    private void embed(int[] tokens, int offset, int n, Workspace ws) {
        for (int i = 0; i < n; i++) {
            weights.tokenEmbedding().dequantizeRow(tokens[offset + i], ws.x, i * config.embeddingLength());
        }
    }

    /** Writes the output of {@code count} rows from {@code row}: hidden states, or logits after norm and head. */
    private void emit(Workspace ws, int row, int count, float[] dest, int destOffset) {
        int dim = config.embeddingLength();
        if (!isLast()) {
            System.arraycopy(ws.x, row * dim, dest, destOffset, count * dim);
            return;
        }
        int vocab = config.vocabSize();
        boolean direct = destOffset == 0 && dest.length == count * vocab;
        float[] logits = direct ? dest : new float[count * vocab];
        if (count == 1) {
            VectorMath.rmsNorm(ws.x, row * dim, weights.outputNorm(), config.normEpsilon(), single.xb, 0, dim);
            TransformerBlocks.project(pool, weights.output(), single.xb, 1, logits);
        } else {
            for (int i = 0; i < count; i++) {
                VectorMath.rmsNorm(ws.x, (row + i) * dim, weights.outputNorm(), config.normEpsilon(), ws.xb, i * dim, dim);
            }
            TransformerBlocks.project(pool, weights.output(), ws.xb, count, logits);
        }
        if (!direct) {
            System.arraycopy(logits, 0, dest, destOffset, count * vocab);
        }
    }

    private void requireFirst(boolean tokens) {
        if (tokens != isFirst()) {
            throw new IllegalStateException("shard [" + fromBlock + ", " + toBlock + ") of " + config.label()
                    + (isFirst() ? " starts at block 0 and takes token ids, not hidden states"
                            : " starts after block 0 and takes hidden states, not token ids"));
        }
    }

    private void checkTokens(int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("empty input: at least one token is needed");
        }
        for (int t : tokens) {
            checkToken(t);
        }
    }

    private void checkToken(int token) {
        if (token < 0 || token >= config.vocabSize()) {
            throw new IllegalArgumentException("token id " + token + " is outside the vocabulary [0, "
                    + config.vocabSize() + ") of " + config.label());
        }
    }

    private void checkPositions(int start, int n) {
        if (start != cache.length()) {
            throw new IllegalArgumentException("input starts at position " + start + " but the KV cache holds "
                    + cache.length() + " positions; " + (start < cache.length()
                            ? "truncate(" + start + ") first to overwrite them"
                            : "positions cannot be skipped"));
        }
        if ((long) start + n > config.contextLength()) {
            throw new IllegalArgumentException(n + " tokens from position " + start + " exceed the context length "
                    + config.contextLength() + " of " + config.label());
        }
    }
}
