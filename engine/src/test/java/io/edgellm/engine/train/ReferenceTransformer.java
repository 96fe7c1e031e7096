package io.edgellm.engine.train;

import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.RopeLayout;
import io.edgellm.engine.tensor.WeightMatrix;
import io.edgellm.engine.train.ops.Activation;
import io.edgellm.engine.train.ops.AttentionShape;
import io.edgellm.engine.train.ops.ReferenceOps;
import io.edgellm.engine.train.ops.TestArrays;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain float64 forward pass of a {@link TrainableModel}'s function, written from the model
 * definitions, for finite-difference checks of the whole backward pass: every tensor is a
 * {@code double[]} in {@link #tensors} (keyed by parameter name), which a check perturbs one entry
 * at a time. It covers the base model, LoRA updates, bottleneck adapters and soft prompts, all
 * without dropout.
 */
final class ReferenceTransformer {

    final Map<String, double[]> tensors = new LinkedHashMap<>();
    private final ModelConfig c;
    private final TrainableModel model;
    private final float[] ropeFactors;

    ReferenceTransformer(TrainableModel model) {
        this.model = model;
        this.c = model.config();
        for (Parameter p : model.parameters()) {
            tensors.put(p.name(), TestArrays.toDouble(p.value()));
        }
        for (Block b : model.blocks()) {
            for (TargetModule m : TargetModule.values()) {
                Linear l = b.projection(m);
                tensors.putIfAbsent(l.name(), dequantize(l.weight()));
            }
        }
        tensors.putIfAbsent(ModelBuilder.EMBEDDING, dequantize(model.embeddingMatrix()));
        tensors.putIfAbsent(model.head().name(), dequantize(model.head().weight()));
        ropeFactors = model.ropeFrequencyFactors();
    }

    static double[] dequantize(WeightMatrix m) {
        float[] row = new float[m.cols()];
        double[] out = new double[m.rows() * m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            m.dequantizeRow(r, row, 0);
            for (int i = 0; i < row.length; i++) {
                out[r * m.cols() + i] = row[i];
            }
        }
        return out;
    }

    /** {@code scale · Σ} of the label-smoothed cross-entropy over the batch's targets. */
    double loss(Batch batch, double smoothing, double scale) {
        double total = 0;
        for (int s = 0; s < batch.sequences(); s++) {
            double[][] logits = logits(batch.tokens(), s * batch.length(), batch.length());
            int virtual = logits.length - batch.length();
            for (int t = 0; t < batch.length(); t++) {
                int target = batch.targets()[s * batch.length() + t];
                if (target != Batch.IGNORE) {
                    total += ReferenceOps.crossEntropy(logits[virtual + t], 0, c.vocabSize(), target, smoothing);
                }
            }
        }
        return scale * total;
    }

    /** Logits of every row of one sequence, soft prompt rows included. */
    double[][] logits(int[] tokens, int from, int length) {
        int dim = c.embeddingLength();
        double[] prompt = tensors.get(SoftPrompt.NAME);
        int virtual = prompt == null ? 0 : prompt.length / dim;
        int n = virtual + length;
        double[][] x = new double[n][];
        double[] table = tensors.get(ModelBuilder.EMBEDDING);
        for (int t = 0; t < n; t++) {
            x[t] = new double[dim];
            if (t < virtual) {
                System.arraycopy(prompt, t * dim, x[t], 0, dim);
            } else {
                System.arraycopy(table, tokens[from + t - virtual] * dim, x[t], 0, dim);
            }
        }
        for (int b = 0; b < c.blockCount(); b++) {
            attention(x, b);
            mlp(x, b);
            adapter(x, b);
        }
        double[][] logits = new double[n][];
        for (int t = 0; t < n; t++) {
            logits[t] = linear(model.head().name(), null, rmsNorm(x[t], tensors.get(ModelBuilder.OUTPUT_NORM)), c.vocabSize());
        }
        return logits;
    }

    private String name(int block, String suffix) {
        return "blk." + block + "." + suffix;
    }

    private void attention(double[][] x, int b) {
        int n = x.length;
        AttentionShape shape = new AttentionShape(1, n, c.headCount(), c.headCountKv(), c.keyLength(), c.valueLength());
        double[] q = new double[n * shape.queryWidth()];
        double[] k = new double[n * shape.keyWidth()];
        double[] v = new double[n * shape.valueWidth()];
        for (int t = 0; t < n; t++) {
            double[] h = rmsNorm(x[t], tensors.get(name(b, "attn_norm.weight")));
            System.arraycopy(linear(name(b, "attn_q.weight"), name(b, "attn_q.bias"), h, c.queryWidth()), 0, q,
                    t * shape.queryWidth(), shape.queryWidth());
            System.arraycopy(linear(name(b, "attn_k.weight"), name(b, "attn_k.bias"), h, c.keyWidth()), 0, k,
                    t * shape.keyWidth(), shape.keyWidth());
            System.arraycopy(linear(name(b, "attn_v.weight"), name(b, "attn_v.bias"), h, c.valueWidth()), 0, v,
                    t * shape.valueWidth(), shape.valueWidth());
        }
        boolean neox = c.ropeLayout() == RopeLayout.NEOX;
        q = ReferenceOps.rope(q, n, n, c.headCount(), c.keyLength(), neox, c.ropeFreqBase(), c.ropeScale(), ropeFactors);
        k = ReferenceOps.rope(k, n, n, c.headCountKv(), c.keyLength(), neox, c.ropeFreqBase(), c.ropeScale(), ropeFactors);
        double[] out = ReferenceOps.attention(shape, q, k, v);
        int width = shape.outputWidth();
        for (int t = 0; t < n; t++) {
            double[] row = Arrays.copyOfRange(out, t * width, (t + 1) * width);
            add(x[t], linear(name(b, "attn_output.weight"), null, row, c.embeddingLength()));
        }
    }

    private void mlp(double[][] x, int b) {
        int ffn = c.feedForwardLength();
        for (double[] row : x) {
            double[] h = rmsNorm(row, tensors.get(name(b, "ffn_norm.weight")));
            double[] g = linear(name(b, "ffn_gate.weight"), null, h, ffn);
            double[] u = linear(name(b, "ffn_up.weight"), null, h, ffn);
            for (int i = 0; i < ffn; i++) {
                g[i] = g[i] / (1 + Math.exp(-g[i])) * u[i];
            }
            add(row, linear(name(b, "ffn_down.weight"), null, g, c.embeddingLength()));
        }
    }

    private void adapter(double[][] x, int b) {
        String down = name(b, "adapter.down.weight");
        if (!tensors.containsKey(down)) {
            return;
        }
        int width = tensors.get(name(b, "adapter.down.bias")).length;
        Activation f = model.block(b).adapter().activation();
        for (double[] row : x) {
            double[] h = linear(down, name(b, "adapter.down.bias"), row, width);
            for (int i = 0; i < width; i++) {
                h[i] = ReferenceOps.activation(f, h[i]);
            }
            add(row, linear(name(b, "adapter.up.weight"), name(b, "adapter.up.bias"), h, row.length));
        }
    }

    /** {@code W·x + b}, plus the LoRA update {@code scale · B·A·x} when the weight has one. */
    private double[] linear(String weight, String bias, double[] x, int out) {
        double[] w = tensors.get(weight);
        int in = x.length;
        double[] y = new double[out];
        double[] b = bias == null ? null : tensors.get(bias);
        for (int o = 0; o < out; o++) {
            double s = b == null ? 0 : b[o];
            for (int i = 0; i < in; i++) {
                s += w[o * in + i] * x[i];
            }
            y[o] = s;
        }
        double[] a = tensors.get(weight + ".lora_a");
        if (a != null) {
            double[] bm = tensors.get(weight + ".lora_b");
            int rank = a.length / in;
            double scale = ((LoraConfig) model.method()).scale();
            double[] low = new double[rank];
            for (int r = 0; r < rank; r++) {
                for (int i = 0; i < in; i++) {
                    low[r] += a[r * in + i] * x[i];
                }
            }
            for (int o = 0; o < out; o++) {
                for (int r = 0; r < rank; r++) {
                    y[o] += scale * bm[o * rank + r] * low[r];
                }
            }
        }
        return y;
    }

    private double[] rmsNorm(double[] x, double[] w) {
        return ReferenceOps.rmsNorm(x, w, 1, x.length, c.normEpsilon());
    }

    private static void add(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }
}
