package io.edgellm.engine.train.ops;

/**
 * Float64 forward passes of the ops, written from their definitions with plain loops: what the
 * op tests differentiate numerically, and what the whole-model reference is built from.
 */
public final class ReferenceOps {

    private ReferenceOps() {
    }

    /** Each of {@code n} rows of {@code dim} values divided by its root mean square, times {@code w}. */
    public static double[] rmsNorm(double[] x, double[] w, int n, int dim, double eps) {
        double[] y = new double[n * dim];
        for (int r = 0; r < n; r++) {
            double ss = 0;
            for (int i = 0; i < dim; i++) {
                ss += x[r * dim + i] * x[r * dim + i];
            }
            double s = 1 / Math.sqrt(ss / dim + eps);
            for (int i = 0; i < dim; i++) {
                y[r * dim + i] = x[r * dim + i] * s * w[i];
            }
        }
        return y;
    }

    public static double[] swiglu(double[] gate, double[] up) {
        double[] h = new double[gate.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
        }
        return h;
    }

    public static double activation(Activation f, double x) {
        return switch (f) {
            case RELU -> Math.max(0, x);
            case GELU -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case SILU -> x / (1 + Math.exp(-x));
        };
    }

    /** {@code −Σ_v q_v log softmax(z)_v} for the row at {@code z[off]}, {@code q} the label-smoothed target. */
    public static double crossEntropy(double[] z, int off, int vocab, int target, double smoothing) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, z[off + v]);
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
            sum += Math.exp(z[off + v] - max);
        }
        double lse = max + Math.log(sum);
        double loss = 0;
        for (int v = 0; v < vocab; v++) {
            double q = smoothing / vocab + (v == target ? 1 - smoothing : 0);
            loss -= q * (z[off + v] - lse);
        }
        return loss;
    }

    /**
     * Rotates every head of every row (row {@code r} at position {@code r mod length}) by
     * {@code pos / scale · base^(-2i/d) / factor_i}, pairing {@code (2i, 2i+1)}, or {@code (i, i + d/2)}
     * when {@code neox}.
     */
    public static double[] rope(double[] x, int rows, int length, int heads, int headDim, boolean neox, double base,
                                double scale, float[] factors) {
        double[] y = x.clone();
        for (int r = 0; r < rows; r++) {
            int pos = r % length;
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < headDim / 2; i++) {
                    double theta = pos / scale * Math.pow(base, -2.0 * i / headDim) / (factors == null ? 1 : factors[i]);
                    int start = (r * heads + h) * headDim;
                    int a = neox ? start + i : start + 2 * i;
                    int b = neox ? a + headDim / 2 : a + 1;
                    y[a] = x[a] * Math.cos(theta) - x[b] * Math.sin(theta);
                    y[b] = x[a] * Math.sin(theta) + x[b] * Math.cos(theta);
                }
            }
        }
        return y;
    }

    /** Causal grouped-query attention with softmax over {@code q·k / sqrt(d)}, row-major as the engine lays it out. */
    public static double[] attention(AttentionShape s, double[] q, double[] k, double[] v) {
        int T = s.length();
        double[] out = new double[s.rows() * s.outputWidth()];
        double scale = 1 / Math.sqrt(s.keyLength());
        for (int b = 0; b < s.sequences(); b++) {
            for (int h = 0; h < s.heads(); h++) {
                int kvh = h / s.groupSize();
                for (int t = 0; t < T; t++) {
                    double[] score = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int p = 0; p <= t; p++) {
                        double d = 0;
                        for (int j = 0; j < s.keyLength(); j++) {
                            d += q[(b * T + t) * s.queryWidth() + h * s.keyLength() + j]
                                    * k[(b * T + p) * s.keyWidth() + kvh * s.keyLength() + j];
                        }
                        score[p] = d * scale;
                        max = Math.max(max, score[p]);
                    }
                    double sum = 0;
                    for (int p = 0; p <= t; p++) {
                        score[p] = Math.exp(score[p] - max);
                        sum += score[p];
                    }
                    for (int p = 0; p <= t; p++) {
                        for (int j = 0; j < s.valueLength(); j++) {
                            out[(b * T + t) * s.outputWidth() + h * s.valueLength() + j] +=
                                    score[p] / sum * v[(b * T + p) * s.valueWidth() + kvh * s.valueLength() + j];
                        }
                    }
                }
            }
        }
        return out;
    }
}
