package io.edgellm.cli.generate;

import io.edgellm.engine.sampling.SamplingParams;
import picocli.CommandLine.Option;

/** Sampling flags, named as llama.cpp names them. */
public final class SamplingOptions {

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8",
            description = "Sampling temperature; 0 is greedy (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--greedy", description = "Always take the most likely token (same as --temperature 0).")
    boolean greedy;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "40", description = "Keep the K most likely tokens; 0 disables (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "0.95", description = "Nucleus sampling mass; 1 disables (default: ${DEFAULT-VALUE}).")
    float topP;

    @Option(names = "--min-p", paramLabel = "P", defaultValue = "0.05", description = "Drop tokens below P times the top probability; 0 disables (default: ${DEFAULT-VALUE}).")
    float minP;

    @Option(names = "--repeat-penalty", paramLabel = "R", defaultValue = "1.0", description = "Penalty for recently seen tokens; 1 disables (default: ${DEFAULT-VALUE}).")
    float repeatPenalty;

    @Option(names = "--repeat-last-n", paramLabel = "N", defaultValue = "64", description = "How many recent tokens the penalty looks at (default: ${DEFAULT-VALUE}).")
    int repeatLastN;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed, for reproducible sampling (default: random).")
    Long seed;

    public SamplingParams toParams() {
        long s = seed != null ? seed : System.nanoTime();
        return new SamplingParams(greedy ? 0f : temperature, topK, topP, minP, repeatPenalty, repeatLastN, s);
    }
}
