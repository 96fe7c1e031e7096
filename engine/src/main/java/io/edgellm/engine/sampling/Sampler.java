package io.edgellm.engine.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits. Stateful only through its random stream, so two
 * samplers built with the same parameters and fed the same logits draw the same tokens.
 * Not thread-safe: one per generation.
 */
public final class Sampler {

    private final SamplingParams params;
    private final SplittableRandom random;
    private int[] candidates = new int[0];
    private float[] scratch = new float[0];

    public Sampler(SamplingParams params) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
    }

    public SamplingParams params() {
        return params;
    }

    /**
     * Samples from {@code logits[offset, offset + vocab)}.
     *
     * @param recent recently generated or prompted tokens, most recent last, for the repetition penalty
     */
    public int sample(float[] logits, int offset, int vocab, int[] recent, int recentLength) {
        float[] z = penalised(logits, offset, vocab, recent, recentLength);
        if (params.isGreedy()) {
            return argmax(z, vocab);
        }
        int n = keepTopK(z, vocab);
        sortDescending(z, n);
        // Probabilities before temperature decide top-p and min-p, as in llama.cpp's sampler chain.
        double[] p = softmax(z, n, 1f);
        n = keepTopP(p, n);
        n = keepMinP(p, n);
        p = softmax(z, n, params.temperature());
        return candidates[draw(p, n)];
    }

    private float[] penalised(float[] logits, int offset, int vocab, int[] recent, int recentLength) {
        if (scratch.length < vocab) {
            scratch = new float[vocab];
            candidates = new int[vocab];
        }
        System.arraycopy(logits, offset, scratch, 0, vocab);
        if (params.repetitionPenalty() != 1f && recentLength > 0) {
            int from = Math.max(0, recentLength - params.repetitionWindow());
            boolean[] seen = new boolean[vocab];
            for (int i = from; i < recentLength; i++) {
                int t = recent[i];
                if (t >= 0 && t < vocab && !seen[t]) {
                    seen[t] = true;
                    float v = scratch[t];
                    scratch[t] = v > 0 ? v / params.repetitionPenalty() : v * params.repetitionPenalty();
                }
            }
        }
        return scratch;
    }

    private static int argmax(float[] z, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (z[i] > z[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Fills {@link #candidates} with token ids and returns how many survive top-k (all when disabled). */
    private int keepTopK(float[] z, int vocab) {
        for (int i = 0; i < vocab; i++) {
            candidates[i] = i;
        }
        int k = params.topK() == 0 ? vocab : Math.min(params.topK(), vocab);
        if (k < vocab) {
            select(z, vocab, k);
        }
        return k;
    }

    /** Quickselect on candidate ids so that the k highest logits come first (in any order). */
    private void select(float[] z, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            float pivot = z[candidates[(lo + hi) >>> 1]];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (z[candidates[i]] > pivot) {
                    i++;
                }
                while (z[candidates[j]] < pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = candidates[i];
                    candidates[i++] = candidates[j];
                    candidates[j--] = t;
                }
            }
            if (k - 1 <= j) {
                hi = j;
            } else if (k - 1 >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /** Sorts the first n candidates by logit, highest first, ties by token id for determinism. */
    private void sortDescending(float[] z, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(z[candidates[i]]);
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
            // ~ordered reverses the order, so an ascending sort of the keys is descending in logits.
            keys[i] = ((long) ~ordered << 32) | candidates[i];
        }
        Arrays.sort(keys);
        for (int i = 0; i < n; i++) {
            candidates[i] = (int) keys[i];
        }
    }

    private double[] softmax(float[] z, int n, float temperature) {
        double[] p = new double[n];
        double max = z[candidates[0]];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((z[candidates[i]] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private int keepTopP(double[] p, int n) {
        if (params.topP() >= 1f) {
            return n;
        }
        double mass = 0;
        for (int i = 0; i < n; i++) {
            mass += p[i];
            if (mass >= params.topP()) {
                return i + 1;
            }
        }
        return n;
    }

    private int keepMinP(double[] p, int n) {
        if (params.minP() <= 0f) {
            return n;
        }
        double threshold = p[0] * params.minP();
        int kept = 1;
        while (kept < n && p[kept] >= threshold) {
            kept++;
        }
        return kept;
    }

    private int draw(double[] p, int n) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < n; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        return n - 1;
    }
}
