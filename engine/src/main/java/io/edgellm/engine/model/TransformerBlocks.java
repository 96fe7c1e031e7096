package io.edgellm.engine.model;

import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.PackedBatch;
import io.edgellm.engine.tensor.WeightMatrix;
import java.util.List;

/**
 * The forward pass of a shard's blocks over a batch of rows: RMSNorm, Q/K/V (with biases), RoPE,
 * cached grouped-query attention, output projection, SwiGLU MLP and the residual adds. Matrix
 * work goes through the compute pool in as few fork/joins as the data dependencies allow: Q/K/V
 * together, attention, output, gate/up with SwiGLU, down. One row uses matrix-vector products,
 * more rows matrix-matrix products that read each weight row once for the whole batch.
 */
final class TransformerBlocks {

    private final ModelConfig config;
    private final List<LayerWeights> layers;
    private final KVCache cache;
    private final ComputePool pool;
    private final Rope rope;
    private final Attention attention;

    TransformerBlocks(ModelConfig config, List<LayerWeights> layers, KVCache cache, ComputePool pool, Rope rope) {
        this.config = config;
        this.layers = layers;
        this.cache = cache;
        this.pool = pool;
        this.rope = rope;
        this.attention = new Attention(config);
    }

    /**
     * Runs the {@code n} rows of {@code ws.x}, at positions {@code start..start+n-1}, through every
     * block in place, storing their keys and values in the cache.
     */
    void run(Workspace ws, int n, int start) {
        cache.reserve(start + n);
        rope.fillTables(start, n, ws.cos, ws.sin);
        for (int l = 0; l < layers.size(); l++) {
            block(layers.get(l), l, ws, n, start);
        }
        cache.extendTo(start + n);
    }

    /** One pre-norm transformer block: {@code x += attn(norm(x)); x += mlp(norm(x))}. */
    private void block(LayerWeights w, int layer, Workspace ws, int n, int start) {
        int dim = config.embeddingLength();
        int qWidth = config.queryWidth();
        int kWidth = config.keyWidth();
        int vWidth = config.valueWidth();
        normRows(ws.x, w.attnNorm(), ws.xb, n);
        projectQkv(w, ws, n);
        for (int i = 0; i < n; i++) {
            if (w.bq() != null) {
                VectorMath.add(w.bq(), 0, ws.q, i * qWidth, qWidth);
                VectorMath.add(w.bk(), 0, ws.k, i * kWidth, kWidth);
                VectorMath.add(w.bv(), 0, ws.v, i * vWidth, vWidth);
            }
            rope.rotate(ws.q, i * qWidth, config.headCount(), config.keyLength(), ws.cos, ws.sin, i);
            rope.rotate(ws.k, i * kWidth, config.headCountKv(), config.keyLength(), ws.cos, ws.sin, i);
            cache.store(layer, start + i, ws.k, i * kWidth, ws.v, i * vWidth);
        }
        attention.run(pool, cache, layer, ws.q, n, start, ws.attention);
        project(w.wo(), ws.attention, n, ws.projected);
        VectorMath.add(ws.projected, 0, ws.x, 0, n * dim);

        normRows(ws.x, w.ffnNorm(), ws.xb, n);
        projectGateUp(w, ws, n);
        project(w.ffnDown(), ws.gate, n, ws.projected);
        VectorMath.add(ws.projected, 0, ws.x, 0, n * dim);
    }

    private void normRows(float[] x, float[] weight, float[] out, int n) {
        int dim = config.embeddingLength();
        for (int i = 0; i < n; i++) {
            VectorMath.rmsNorm(x, i * dim, weight, config.normEpsilon(), out, i * dim, dim);
        }
    }

    /** Q, K and V as one pass over their stacked rows: one fork/join instead of three, one packing of the inputs. */
    private void projectQkv(LayerWeights w, Workspace ws, int n) {
        WeightMatrix wq = w.wq();
        WeightMatrix wk = w.wk();
        WeightMatrix wv = w.wv();
        int kStart = wq.rows();
        int vStart = kStart + wk.rows();
        PackedBatch packed = pack(pool, ws.xb, n, wq.cols());
        pool.forEachRange(vStart + wv.rows(), grain(packed), (from, to) -> {
            stackedRows(wq, 0, ws.xb, packed, ws.q, from, to);
            stackedRows(wk, kStart, ws.xb, packed, ws.k, from, to);
            stackedRows(wv, vStart, ws.xb, packed, ws.v, from, to);
        });
    }

    /** Gate and up projections with SwiGLU applied by the thread that produced each row range. */
    private void projectGateUp(LayerWeights w, Workspace ws, int n) {
        int ffn = config.feedForwardLength();
        PackedBatch packed = pack(pool, ws.xb, n, w.ffnGate().cols());
        pool.forEachRange(ffn, grain(packed), (from, to) -> {
            rows(w.ffnGate(), ws.xb, packed, ws.gate, from, to);
            rows(w.ffnUp(), ws.xb, packed, ws.up, from, to);
            for (int i = 0; i < n; i++) {
                VectorMath.siluMul(ws.gate, ws.up, i * ffn + from, to - from);
            }
        });
    }

    private void project(WeightMatrix w, float[] x, int n, float[] out) {
        project(pool, w, x, n, out);
    }

    /** {@code out_i = W · x_i} for {@code n} rows, split over the pool's threads by weight rows. */
    static void project(ComputePool pool, WeightMatrix w, float[] x, int n, float[] out) {
        if (n == 1) {
            pool.matVec(w, x, out);
        } else {
            pool.matMul(w, pool.pack(x, n, w.cols()), out);
        }
    }

    /** Batched products split rows on whole tiles; matrix-vector products on any row. */
    private static int grain(PackedBatch packed) {
        return packed == null ? 1 : ComputePool.BATCH_ROW_GRAIN;
    }

    /**
     * Several rows packed once for every thread and matrix that multiplies them ({@code null} for one row,
     * which takes matrix-vector products): packing inside each thread's range repacked the whole batch
     * for every range of every matrix.
     */
    private static PackedBatch pack(ComputePool pool, float[] x, int n, int cols) {
        return n == 1 ? null : pool.pack(x, n, cols);
    }

    /** The part of global rows {@code [from, to)} that falls on {@code w}, stacked at row {@code offset}. */
    private static void stackedRows(WeightMatrix w, int offset, float[] x, PackedBatch packed, float[] out, int from,
            int to) {
        rows(w, x, packed, out, Math.max(from, offset) - offset, Math.min(to, offset + w.rows()) - offset);
    }

    /** Rows {@code [from, to)} of {@code W · x}, from {@code x} itself for one row, else from its packed form. */
    private static void rows(WeightMatrix w, float[] x, PackedBatch packed, float[] out, int from, int to) {
        if (from >= to) {
            return;
        }
        if (packed == null) {
            w.matVec(x, out, from, to);
        } else {
            w.matMul(packed, out, from, to);
        }
    }
}
