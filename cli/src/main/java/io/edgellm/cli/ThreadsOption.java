package io.edgellm.cli;

import io.edgellm.engine.tensor.ComputePool;
import picocli.CommandLine.Option;

/** The {@code --threads} flag shared by commands that compute. */
public final class ThreadsOption {

    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = "Compute threads (default: all ${sys:edgellm.cores} cores).")
    Integer threads;

    static {
        System.setProperty("edgellm.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    public int threads() {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new UserException("--threads must be at least 1, got " + n);
        }
        return n;
    }

    public ComputePool newPool() {
        return new ComputePool(threads());
    }
}
