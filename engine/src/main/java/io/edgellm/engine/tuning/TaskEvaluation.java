package io.edgellm.engine.tuning;

import io.edgellm.engine.data.ExactMatch;
import io.edgellm.engine.data.Example;
import io.edgellm.engine.generate.Generation;
import io.edgellm.engine.generate.GenerationOptions;
import io.edgellm.engine.generate.TextGenerator;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.train.ExampleBatches.TokenizedExample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Scores a model on task examples with the inference engine: exact match of its greedy answer to
 * each ChatML prompt (generation ends at {@code <|im_end|>}), and the perplexity of the reference
 * completions given their prompts (the completion tokens' mean negative log-likelihood,
 * {@code <|im_end|>} included).
 */
public final class TaskEvaluation {

    /** One answer the model got wrong. */
    public record Mistake(Example example, String answer) {
    }

    /**
     * @param correct exact matches among {@code total} examples
     * @param nll     summed negative log-likelihood of the completions' {@code targets} tokens
     */
    public record Result(int correct, int total, double nll, long targets, List<Mistake> mistakes) {

        public double accuracy() {
            return total == 0 ? 0 : (double) correct / total;
        }

        public double perplexity() {
            return Math.exp(nll / targets);
        }
    }

    /** Mistakes kept for a report. */
    private static final int KEPT_MISTAKES = 5;

    private TaskEvaluation() {
    }

    /**
     * @param maxTokens longest answer generated
     * @param progress  told the number of examples done after each
     */
    public static Result run(Shard model, Tokenizer tokenizer, List<Example> examples, int maxTokens, IntConsumer progress) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        List<TokenizedExample> tokenized = ChatExamples.tokenize(tokenizer, examples);
        TextGenerator generator = new TextGenerator(model, tokenizer);
        GenerationOptions greedy = GenerationOptions.greedy(maxTokens);
        int correct = 0;
        double nll = 0;
        long targets = 0;
        List<Mistake> mistakes = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            TokenizedExample t = tokenized.get(i);
            generator.reset();
            nll += completionNll(model, t);
            targets += t.completion().length;
            generator.reset();
            Generation g = generator.generate(t.prompt(), greedy, s -> { }, () -> false);
            if (ExactMatch.matches(e.completion(), g.text())) {
                correct++;
            } else if (mistakes.size() < KEPT_MISTAKES) {
                mistakes.add(new Mistake(e, g.text()));
            }
            progress.accept(i + 1);
        }
        return new Result(correct, examples.size(), nll, targets, mistakes);
    }

    /** {@code -Σ log p(completion token | everything before it)} with the model's cache empty. */
    static double completionNll(Shard model, TokenizedExample t) {
        int[] tokens = new int[t.prompt().length + t.completion().length - 1];
        System.arraycopy(t.prompt(), 0, tokens, 0, t.prompt().length);
        System.arraycopy(t.completion(), 0, tokens, t.prompt().length, t.completion().length - 1);
        float[] logits = model.forward(tokens, 0, Shard.Outputs.ALL);
        int vocab = model.config().vocabSize();
        double nll = 0;
        for (int k = 0; k < t.completion().length; k++) {
            nll += LogProbabilities.negativeLogLikelihood(logits, (t.prompt().length - 1 + k) * vocab, vocab, t.completion()[k]);
        }
        return nll;
    }
}
