package io.edgellm.cli;

import picocli.CommandLine.Option;

/** The {@code --no-progress} flag shared by commands that show a progress bar on long work. */
public final class ProgressOption {

    @Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    public boolean shown() {
        return !noProgress;
    }
}
