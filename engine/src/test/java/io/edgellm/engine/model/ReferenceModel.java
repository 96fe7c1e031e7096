package io.edgellm.engine.model;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.ScalarReference;
import java.lang.foreign.MemorySegment;

/**
 * A deliberately plain Llama/Qwen2 forward pass in double precision, written from the model
 * definitions rather than from the engine: it reads metadata and tensors itself, keeps no KV cache
 * (every call recomputes the whole sequence) and uses straightforward loops. Stored weights of any
 * type are dequantized by the tests' {@link ScalarReference} (written from ggml's block layouts), not
 * by the engine's kernels, so a quantized model checks those kernels inside the forward pass.
 *
 * <p>Everything is exact (float64) unless a {@link Precision} says how another implementation rounds
 * the operands of its products; {@link LlamaCppPrecision} is llama.cpp's CPU backend.
 */
final class ReferenceModel {

    /** Where an implementation rounds what it multiplies; the identity everywhere in the plain reference. */
    interface Precision {
        /** The activations as they are multiplied by weights stored as {@code weightType}. */
        double[] matMulInput(double[] x, GGMLType weightType);

        /** Queries, keys, values and attention weights as they are multiplied in attention. */
        double[] attentionOperand(double[] x);

        Precision EXACT = new Precision() {
            @Override
            public double[] matMulInput(double[] x, GGMLType weightType) {
                return x;
            }

            @Override
            public double[] attentionOperand(double[] x) {
                return x;
            }
        };
    }

    /** A weight matrix as float64 rows, with the type it was stored in. */
    private record Matrix(double[][] rows, GGMLType type) {
    }

    private final GGUFFile file;
    private final Precision precision;
    private final String arch;
    private final int layers;
    private final int dim;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final double eps;
    private final double ropeBase;
    private final double ropeLinear;
    private final double[] ropeFreqFactors;

    ReferenceModel(GGUFFile file) {
        this(file, Precision.EXACT);
    }

    ReferenceModel(GGUFFile file, Precision precision) {
        this.file = file;
        this.precision = precision;
        GGUFMetadata md = file.metadata();
        this.arch = md.getString("general.architecture");
        this.layers = md.getInt(arch + ".block_count");
        this.dim = md.getInt(arch + ".embedding_length");
        this.heads = md.getInt(arch + ".attention.head_count");
        this.kvHeads = md.getInt(arch + ".attention.head_count_kv");
        this.headDim = md.findInt(arch + ".attention.key_length").orElse(dim / heads);
        this.eps = md.getFloat(arch + ".attention.layer_norm_rms_epsilon");
        this.ropeBase = md.getFloat(arch + ".rope.freq_base");
        this.ropeLinear = md.findFloat(arch + ".rope.scaling.factor").orElse(1f);
        this.ropeFreqFactors = file.findTensor("rope_freqs.weight").map(t -> vector(t.name())).orElse(null);
    }

    /** Logits at every position of {@code tokens}, {@code [position][vocab]}. */
    double[][] logits(int[] tokens) {
        int n = tokens.length;
        Matrix embedding = matrix("token_embd.weight");
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            x[t] = embedding.rows()[tokens[t]].clone();
        }
        for (int l = 0; l < layers; l++) {
            String p = "blk." + l + ".";
            attentionBlock(x, p);
            mlpBlock(x, p);
        }
        double[] outNorm = vector("output_norm.weight");
        Matrix head = file.findTensor("output.weight").isPresent() ? matrix("output.weight") : embedding;
        double[][] logits = new double[n][];
        for (int t = 0; t < n; t++) {
            logits[t] = mul(head, rmsNorm(x[t], outNorm));
        }
        return logits;
    }

    private void attentionBlock(double[][] x, String p) {
        int n = x.length;
        double[] norm = vector(p + "attn_norm.weight");
        Matrix wq = matrix(p + "attn_q.weight");
        Matrix wk = matrix(p + "attn_k.weight");
        Matrix wv = matrix(p + "attn_v.weight");
        Matrix wo = matrix(p + "attn_output.weight");
        double[][] q = new double[n][];
        double[][] k = new double[n][];
        double[][] v = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] h = rmsNorm(x[t], norm);
            q[t] = plusBias(mul(wq, h), p + "attn_q.bias");
            k[t] = plusBias(mul(wk, h), p + "attn_k.bias");
            v[t] = plusBias(mul(wv, h), p + "attn_v.bias");
            rope(q[t], t);
            rope(k[t], t);
            q[t] = precision.attentionOperand(q[t]);
            k[t] = precision.attentionOperand(k[t]);
            v[t] = precision.attentionOperand(v[t]);
        }
        for (int t = 0; t < n; t++) {
            double[] out = new double[heads * headDim];
            for (int h = 0; h < heads; h++) {
                int kvh = h / (heads / kvHeads);
                double[] score = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s <= t; s++) {
                    double d = 0;
                    for (int j = 0; j < headDim; j++) {
                        d += q[t][h * headDim + j] * k[s][kvh * headDim + j];
                    }
                    score[s] = d / Math.sqrt(headDim);
                    max = Math.max(max, score[s]);
                }
                double sum = 0;
                for (int s = 0; s <= t; s++) {
                    score[s] = Math.exp(score[s] - max);
                    sum += score[s];
                }
                for (int s = 0; s <= t; s++) {
                    score[s] /= sum;
                }
                score = precision.attentionOperand(score);
                for (int s = 0; s <= t; s++) {
                    for (int j = 0; j < headDim; j++) {
                        out[h * headDim + j] += score[s] * v[s][kvh * headDim + j];
                    }
                }
            }
            double[] o = mul(wo, out);
            for (int i = 0; i < dim; i++) {
                x[t][i] += o[i];
            }
        }
    }

    private void mlpBlock(double[][] x, String p) {
        double[] norm = vector(p + "ffn_norm.weight");
        Matrix gate = matrix(p + "ffn_gate.weight");
        Matrix up = matrix(p + "ffn_up.weight");
        Matrix down = matrix(p + "ffn_down.weight");
        for (double[] row : x) {
            double[] h = rmsNorm(row, norm);
            double[] g = mul(gate, h);
            double[] u = mul(up, h);
            for (int i = 0; i < g.length; i++) {
                g[i] = g[i] / (1 + Math.exp(-g[i])) * u[i];
            }
            double[] d = mul(down, g);
            for (int i = 0; i < dim; i++) {
                row[i] += d[i];
            }
        }
    }

    /** Rotates every head of {@code vec} for position {@code pos}, pairing dimensions as the architecture does. */
    private void rope(double[] vec, int pos) {
        for (int h = 0; h < vec.length / headDim; h++) {
            for (int i = 0; i < headDim / 2; i++) {
                double theta = pos / ropeLinear * Math.pow(ropeBase, -2.0 * i / headDim);
                if (ropeFreqFactors != null) {
                    theta /= ropeFreqFactors[i];
                }
                int a = arch.equals("qwen2") ? h * headDim + i : h * headDim + 2 * i;
                int b = arch.equals("qwen2") ? a + headDim / 2 : a + 1;
                double x0 = vec[a];
                double x1 = vec[b];
                vec[a] = x0 * Math.cos(theta) - x1 * Math.sin(theta);
                vec[b] = x0 * Math.sin(theta) + x1 * Math.cos(theta);
            }
        }
    }

    private double[] rmsNorm(double[] x, double[] w) {
        double ss = 0;
        for (double value : x) {
            ss += value * value;
        }
        double scale = 1 / Math.sqrt(ss / x.length + eps);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale * w[i];
        }
        return out;
    }

    private double[] plusBias(double[] y, String biasName) {
        if (file.findTensor(biasName).isPresent()) {
            double[] b = vector(biasName);
            for (int i = 0; i < y.length; i++) {
                y[i] += b[i];
            }
        }
        return y;
    }

    private double[] mul(Matrix w, double[] input) {
        double[] x = precision.matMulInput(input, w.type());
        double[][] rows = w.rows();
        double[] y = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            double s = 0;
            for (int c = 0; c < x.length; c++) {
                s += rows[r][c] * x[c];
            }
            y[r] = s;
        }
        return y;
    }

    private Matrix matrix(String name) {
        return new Matrix(rows(name), file.tensor(name).type());
    }

    private double[] vector(String name) {
        return rows(name)[0];
    }

    /** A tensor as rows of doubles; a 1-D tensor is one row. */
    private double[][] rows(String name) {
        GGUFTensorInfo info = file.tensor(name);
        int cols = (int) info.dim(0);
        int rows = (int) info.dim(1);
        MemorySegment data = file.tensorData(info);
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            float[] row = ScalarReference.row(info.type(), data, cols, r);
            for (int c = 0; c < cols; c++) {
                out[r][c] = row[c];
            }
        }
        return out;
    }
}
