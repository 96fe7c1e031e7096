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

    /** {@code e^(mean negative log-likelihood)} of every target of {@code windows} (one sequence per batch). */
    public static double perplexity(Shard model, List<Batch> windows) {
        int vocab = model.config().vocabSize();
        double nll = 0;
        long targets = 0;
        for (Batch w : windows) {
            float[] logits = logits(model, w);
            for (int t = 0; t < w.length(); t++) {
                if (w.targets()[t] != Batch.IGNORE) {
                    nll += LogProbabilities.negativeLogLikelihood(logits, t * vocab, vocab, w.targets()[t]);
                    targets++;
                }
            }
        }
        return Math.exp(nll / targets);
    }

    /** The share of positions of {@code windows} where the two models' greedy next tokens agree. */
    public static double greedyAgreement(Shard target, Shard draft, List<Batch> windows) {
        if (target.config().vocabSize() != draft.config().vocabSize()) {
            throw new IllegalArgumentException("the draft's vocabulary has " + draft.config().vocabSize() + " tokens, the target's "
                    + target.config().vocabSize() + ": speculative decoding needs one vocabulary");
        }
        int vocab = target.config().vocabSize();
        long same = 0;
        long positions = 0;
        for (Batch w : windows) {
            float[] a = logits(target, w);
            float[] b = logits(draft, w);
            for (int t = 0; t < w.length(); t++) {
                if (LogProbabilities.argMax(a, t * vocab, vocab) == LogProbabilities.argMax(b, t * vocab, vocab)) {
                    same++;
                }
                positions++;
            }
        }
        return (double) same / positions;
    }

    private static float[] logits(Shard model, Batch window) {
        if (window.sequences() != 1) {
            throw new IllegalArgumentException("held-out windows are one sequence each, got " + window.sequences());
        }
        model.reset();
        return model.forward(window.tokens(), 0, Shard.Outputs.ALL);
    }
}
