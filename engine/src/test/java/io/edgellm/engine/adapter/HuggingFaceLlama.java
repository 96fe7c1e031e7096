package io.edgellm.engine.adapter;

import java.util.HashMap;
import java.util.Map;

/**
 * Hugging Face's {@code LlamaForCausalLM} forward pass in double precision, written from its
 * modelling code: weights under Hugging Face names and row order, RoPE by {@code rotate_half}
 * (dimension {@code i} with {@code i + d/2}), grouped-query attention, SwiGLU MLP, tied head, and
 * PEFT LoRA as {@code W x + (alpha / r) · B A x} on the adapted projections. Nothing is shared
 * with the engine.
 */
final class HuggingFaceLlama {

    private final Map<String, double[]> weights = new HashMap<>();
    private final int layers;
    private final int dim;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int ffn;
    private final int vocab;
    private final double eps;
    private final double theta;

    HuggingFaceLlama(int layers, int dim, int heads, int kvHeads, int ffn, int vocab, double eps, double theta) {
        this.layers = layers;
        this.dim = dim;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = dim / heads;
        this.ffn = ffn;
        this.vocab = vocab;
        this.eps = eps;
        this.theta = theta;
    }

    /** Sets a weight, e.g. {@code model.layers.0.self_attn.q_proj.weight} (row-major {@code out × in}). */
    void put(String name, double[] values) {
        weights.put(name, values);
    }

    /** Adds a LoRA update {@code scale · B·A} to the projection {@code module} (e.g. {@code model.layers.1.mlp.up_proj}). */
    void addLora(String module, double[] a, double[] b, int rank, double scale) {
        double[] w = weights.get(module + ".weight");
        int in = a.length / rank;
        int out = b.length / rank;
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double s = 0;
                for (int r = 0; r < rank; r++) {
                    s += b[o * rank + r] * a[r * in + i];
                }
                w[o * in + i] += scale * s;
            }
        }
    }

    /** Logits at every position, {@code [position][vocab]}. */
    double[][] logits(int[] tokens) {
        int n = tokens.length;
        double[] embed = weights.get("model.embed_tokens.weight");
        double[][] h = new double[n][];
        for (int t = 0; t < n; t++) {
            h[t] = slice(embed, tokens[t] * dim, dim);
        }
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l + ".";
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] x = rmsNorm(h[t], weights.get(p + "input_layernorm.weight"));
                q[t] = rope(linear(p + "self_attn.q_proj", x), t, heads);
                k[t] = rope(linear(p + "self_attn.k_proj", x), t, kvHeads);
                v[t] = linear(p + "self_attn.v_proj", x);
            }
            for (int t = 0; t < n; t++) {
                double[] att = new double[dim];
                for (int hd = 0; hd < heads; hd++) {
                    int kv = hd / (heads / kvHeads);
                    double[] scores = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s <= t; s++) {
                        double dot = 0;
                        for (int i = 0; i < headDim; i++) {
                            dot += q[t][hd * headDim + i] * k[s][kv * headDim + i];
                        }
                        scores[s] = dot / Math.sqrt(headDim);
                        max = Math.max(max, scores[s]);
                    }
                    double sum = 0;
                    for (int s = 0; s <= t; s++) {
                        scores[s] = Math.exp(scores[s] - max);
                        sum += scores[s];
                    }
                    for (int s = 0; s <= t; s++) {
                        for (int i = 0; i < headDim; i++) {
                            att[hd * headDim + i] += scores[s] / sum * v[s][kv * headDim + i];
                        }
                    }
                }
                add(h[t], linear(p + "self_attn.o_proj", att));
            }
            for (int t = 0; t < n; t++) {
                double[] x = rmsNorm(h[t], weights.get(p + "post_attention_layernorm.weight"));
                double[] gate = linear(p + "mlp.gate_proj", x);
                double[] up = linear(p + "mlp.up_proj", x);
                double[] act = new double[ffn];
                for (int i = 0; i < ffn; i++) {
                    act[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
                }
                add(h[t], linear(p + "mlp.down_proj", act));
            }
        }
        double[][] logits = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] x = rmsNorm(h[t], weights.get("model.norm.weight"));
            logits[t] = matVec(embed, x, vocab);
        }
        return logits;
    }

    /** {@code rotate_half} RoPE: dimension {@code i} of each head rotates with {@code i + d/2} by {@code pos · θ^(-2i/d)}. */
    private double[] rope(double[] x, int pos, int headCount) {
        double[] out = x.clone();
        int half = headDim / 2;
        for (int hd = 0; hd < headCount; hd++) {
            int o = hd * headDim;
            for (int i = 0; i < half; i++) {
                double angle = pos * Math.pow(theta, -2.0 * i / headDim);
                double c = Math.cos(angle);
                double s = Math.sin(angle);
                out[o + i] = x[o + i] * c - x[o + i + half] * s;
                out[o + i + half] = x[o + i + half] * c + x[o + i] * s;
            }
        }
        return out;
    }

    private double[] rmsNorm(double[] x, double[] w) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double r = 1 / Math.sqrt(ss / x.length + eps);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * r * w[i];
        }
        return out;
    }

    private double[] linear(String module, double[] x) {
        double[] w = weights.get(module + ".weight");
        return matVec(w, x, w.length / x.length);
    }

    private static double[] matVec(double[] w, double[] x, int rows) {
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += w[r * x.length + i] * x[i];
            }
            y[r] = s;
        }
        return y;
    }

    private static void add(double[] acc, double[] x) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
    }

    private static double[] slice(double[] a, int from, int length) {
        double[] out = new double[length];
        System.arraycopy(a, from, out, 0, length);
        return out;
    }
}
