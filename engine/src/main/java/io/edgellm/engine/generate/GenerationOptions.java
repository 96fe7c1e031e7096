package io.edgellm.engine.generate;

import io.edgellm.engine.sampling.SamplingParams;
import java.util.List;

/**
 * What to generate after a prompt.
 *
 * @param maxTokens    new tokens at most
 * @param sampling     how each token is chosen
 * @param stopStrings  text that ends the generation; it is not part of the returned text
 * @param ignoreEndOfGeneration keep going past end-of-generation tokens (for benchmarks)
 */
public record GenerationOptions(int maxTokens, SamplingParams sampling, List<String> stopStrings, boolean ignoreEndOfGeneration) {

    public GenerationOptions {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("the number of tokens to generate must be at least 1, got " + maxTokens);
        }
        stopStrings = List.copyOf(stopStrings);
        if (stopStrings.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("stop strings must not be empty");
        }
    }

    public static GenerationOptions greedy(int maxTokens) {
        return new GenerationOptions(maxTokens, SamplingParams.GREEDY, List.of(), false);
    }
}
