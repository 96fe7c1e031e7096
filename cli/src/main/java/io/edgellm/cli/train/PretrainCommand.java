package io.edgellm.cli.train;

import io.edgellm.cli.ProgressOption;
import io.edgellm.cli.ThreadsOption;
import io.edgellm.cli.UserException;
import io.edgellm.cli.Units;
import io.edgellm.engine.family.ModelSize;
import io.edgellm.engine.family.Pretraining;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.EvalResult;
import io.edgellm.engine.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgellm pretrain}: trains a model of EdgeLLM's own family from scratch, reproducibly from a seed. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Pretrain a model of EdgeLLM's family (docs/MODELS.md) from scratch: the shared vocabulary, the",
            "simple-English corpus with a mix of ChatML task examples, and a Llama-shaped model of the given size.",
            "The same size, seed and steps give the same file on any number of threads. Ctrl-C stops without writing."})
public final class PretrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", required = true, paramLabel = "SIZE", description = "draft (~0.7M parameters) or base (~3M).")
    String size;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seeds the weights and the order of the data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.gguf", description = "Where to write the model.")
    Path output;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps (default: the size's own, which reproduces the committed model).")
    Integer steps;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "500",
            description = "Evaluate on held-out text every N steps (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Mixin
    ProgressOption progressOption;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        ModelSize modelSize = ModelSize.parse(size);
        int totalSteps = steps != null ? steps : modelSize.steps();
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (ComputePool pool = threads.newPool()) {
            Pretraining run = Pretraining.prepare(modelSize, seed, totalSteps, pool);
            ModelConfig c = run.config();
            out.printf(Locale.ROOT, "%s model: dim %d, %d blocks, %d heads, FFN %d, vocabulary %d (tied), %s parameters%n",
                    modelSize.id(), c.embeddingLength(), c.blockCount(), c.headCount(), c.feedForwardLength(), c.vocabSize(),
                    Units.count(run.parameterCount()));
            out.printf(Locale.ROOT, "corpus: %,d tokens; %d steps of %d x %d tokens, seed %d, %d threads (prepared in %.1f s)%n",
                    run.corpusTokens(), totalSteps, ModelSize.SEQUENCES_PER_STEP,
                    ModelSize.SEQUENCE_LENGTH, seed, threads.threads(), (System.nanoTime() - started) / 1e9);
            out.flush();
            Trainer.RunResult result;
            double tokensPerSecond;
            try (StopOnInterrupt stop = new StopOnInterrupt(run.trainer());
                 TrainingProgress progress = new TrainingProgress(out, progressOption.shown(), "pretrain " + modelSize.id(), 0, totalSteps)) {
                result = run.run(evalEvery, progress);
                tokensPerSecond = progress.tokensPerSecond();
                if (result.stopped()) {
                    throw new UserException("stopped at step " + result.completedSteps() + " of " + totalSteps
                            + "; nothing written (pretraining has no checkpoints: rerun to reproduce)");
                }
                run.save(output);
            }
            EvalResult validation = run.trainer().evaluate(run.validation());
            out.printf(Locale.ROOT, "wrote %s (%s): held-out perplexity %.3f, %,.0f training tokens/s, %.1f minutes in all%n",
                    output, Pretraining.STORAGE, validation.perplexity(), tokensPerSecond, (System.nanoTime() - started) / 60e9);
            out.flush();
        }
        return 0;
    }
}
