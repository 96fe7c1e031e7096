package io.edgellm.engine.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A synthetic supervised task: prompts whose correct completion is a deterministic function
 * of the prompt's meaning, so that a model's answer can be scored by exact match. Formats and
 * rules of each task are documented in {@code docs/TASKS.md}.
 */
public interface Task {

    /** Short identifier, e.g. "robot". */
    String name();

    /** The labels examples carry in {@link Example#category()}, in a fixed order. */
    List<String> categories();

    /** One random example; its prompt ends with the cue the model answers after (e.g. "\nplan:"). */
    Example sample(Random random);

    /** {@code count} examples with distinct prompts, the same for the same seed. */
    default List<Example> generate(long seed, int count) {
        return distinct(seed, count, e -> true);
    }

    /**
     * {@code count} examples with distinct prompts that satisfy {@code filter}, drawn in order
     * from the stream seeded with {@code seed}.
     *
     * @throws IllegalStateException if the task cannot produce that many distinct prompts
     */
    default List<Example> distinct(long seed, int count, Predicate<Example> filter) {
        Random random = new Random(Draw.mix(seed));
        Set<String> seen = new LinkedHashSet<>();
        List<Example> result = new ArrayList<>(count);
        long maxDraws = 50L * count + 1000;
        for (long draws = 0; result.size() < count; draws++) {
            if (draws == maxDraws) {
                throw new IllegalStateException("task " + name() + " produced only " + result.size() + " of " + count
                        + " distinct examples in " + maxDraws + " draws");
            }
            Example e = sample(random);
            if (filter.test(e) && seen.add(ExactMatch.normalize(e.prompt()))) {
                result.add(e);
            }
        }
        return result;
    }

    /** Whether {@code output} is the right completion for {@code example}, ignoring differences in whitespace. */
    default boolean isCorrect(Example example, String output) {
        return ExactMatch.matches(example.completion(), output);
    }

    /** Scores {@code model} (prompt to generated completion) on {@code examples} by {@link #isCorrect}. */
    default Evaluation evaluate(List<Example> examples, Function<String, String> model) {
        int correct = 0;
        for (Example e : examples) {
            if (isCorrect(e, model.apply(e.prompt()))) {
                correct++;
            }
        }
        return new Evaluation(correct, examples.size());
    }
}
