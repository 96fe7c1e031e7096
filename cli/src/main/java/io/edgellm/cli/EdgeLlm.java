package io.edgellm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edgellm} command: wires subcommands from the other modules, nothing more. */
@Command(
        name = "edgellm",
        mixinStandardHelpOptions = true,
        version = "EdgeLLM 0.1.0",
        description = "Large language models across devices, edge servers and the cloud.",
        subcommands = {CommandLine.HelpCommand.class})
public final class EdgeLlm {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit status; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return new CommandLine(new EdgeLlm()).execute(args);
    }
}
