package io.edgellm.engine.tuning;

/** Log-probabilities from logits, in double precision. */
final class LogProbabilities {

    private LogProbabilities() {
    }

    /** {@code -log softmax(logits[offset, offset + vocab))[target]}. */
    static double negativeLogLikelihood(float[] logits, int offset, int vocab, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        return max + Math.log(sum) - logits[offset + target];
    }

    /** The index of the largest logit of the row (the first on ties), as greedy sampling picks. */
    static int argMax(float[] logits, int offset, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
