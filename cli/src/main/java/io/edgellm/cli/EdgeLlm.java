package io.edgellm.cli;

import io.edgellm.cli.bench.BenchCommand;
import io.edgellm.cli.demo.DemoCommand;
import io.edgellm.cli.generate.GenerateCommand;
import io.edgellm.cli.inspect.InspectCommand;
import io.edgellm.cli.merge.MergeCommand;
import io.edgellm.cli.quantize.QuantizeCommand;
import io.edgellm.cli.synthetic.SyntheticCommand;
import io.edgellm.cli.train.EvalCommand;
import io.edgellm.cli.train.FinetuneCommand;
import io.edgellm.cli.train.PretrainCommand;
import io.edgellm.cli.plan.PlanCacheCommand;
import io.edgellm.cli.plan.PlanCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edgellm} command: wires subcommands from the other modules, nothing more. */
@Command(
        name = "edgellm",
        mixinStandardHelpOptions = true,
        version = "EdgeLLM 0.1.0",
        description = "Large language models across devices, edge servers and the cloud.",
        subcommands = {
            DemoCommand.class,
            GenerateCommand.class,
            BenchCommand.class,
            InspectCommand.class,
            QuantizeCommand.class,
            MergeCommand.class,
            SyntheticCommand.class,
            PretrainCommand.class,
            FinetuneCommand.class,
            EvalCommand.class,
            PlanCommand.class,
            PlanCacheCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class EdgeLlm {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI on the standard streams and returns the exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the CLI writing to the given streams; tests use this to capture output. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new EdgeLlm())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute(args);
    }
}
