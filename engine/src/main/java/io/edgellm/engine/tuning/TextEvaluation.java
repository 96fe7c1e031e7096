package io.edgellm.engine.tuning;

import io.edgellm.engine.model.Shard;
import io.edgellm.engine.train.Batch;
import java.util.List;

/**
 * Held-out text through the inference engine: perplexity, and how often a draft model's greedy
 * token equals a target model's given the same prefix, which is the acceptance rate greedy
 * speculative decoding would see for one drafted token.
 */
public final class TextEvaluation {

    private TextEvaluation() {
    }

    /** Perplexities of a target and a draft over the same windows, and how often their greedy tokens agree. */
    public record Comparison(double targetPerplexity, double draftPerplexity, double agreement) {
    }

    /** {@code e^(mean negative log-likelihood)} of every target of {@code windows} (one sequence per batch). */
    public static double perplexity(Shard model, List<Batch> windows) {
        int vocab = model.config().vocabSize();
        Likelihood nll = new Likelihood();
        for (Batch w : windows) {
            nll.add(logits(model, w), w, vocab);
        }
        return nll.perplexity();
    }

    /** The share of positions of {@code windows} where the two models' greedy next tokens agree. */
    public static double greedyAgreement(Shard target, Shard draft, List<Batch> windows) {
        return compare(target, draft, windows).agreement();
    }

    /** Both models' perplexities and their greedy agreement, from one forward pass of each per window. */
    public static Comparison compare(Shard target, Shard draft, List<Batch> windows) {
        if (target.config().vocabSize() != draft.config().vocabSize()) {
            throw new IllegalArgumentException("the draft's vocabulary has " + draft.config().vocabSize() + " tokens, the target's "
                    + target.config().vocabSize() + ": speculative decoding needs one vocabulary");
        }
        int vocab = target.config().vocabSize();
        Likelihood targetNll = new Likelihood();
        Likelihood draftNll = new Likelihood();
        long same = 0;
        long positions = 0;
        for (Batch w : windows) {
            float[] a = logits(target, w);
            float[] b = logits(draft, w);
            targetNll.add(a, w, vocab);
            draftNll.add(b, w, vocab);
            for (int t = 0; t < w.length(); t++) {
                if (LogProbabilities.argMax(a, t * vocab, vocab) == LogProbabilities.argMax(b, t * vocab, vocab)) {
                    same++;
                }
                positions++;
            }
        }
        return new Comparison(targetNll.perplexity(), draftNll.perplexity(), (double) same / positions);
    }

    /** A running sum of negative log-likelihoods over the targets of windows. */
    private static final class Likelihood {
        private double nll;
        private long targets;

        void add(float[] logits, Batch window, int vocab) {
            for (int t = 0; t < window.length(); t++) {
                if (window.targets()[t] != Batch.IGNORE) {
                    nll += LogProbabilities.negativeLogLikelihood(logits, t * vocab, vocab, window.targets()[t]);
                    targets++;
                }
            }
        }

        double perplexity() {
            return Math.exp(nll / targets);
        }
    }

    private static float[] logits(Shard model, Batch window) {
        if (window.sequences() != 1) {
            throw new IllegalArgumentException("held-out windows are one sequence each, got " + window.sequences());
        }
        model.reset();
        return model.forward(window.tokens(), 0, Shard.Outputs.ALL);
    }
}
