package io.edgellm.cli.train;

import io.edgellm.cli.ProgressOption;
import io.edgellm.cli.ThreadsOption;
import io.edgellm.cli.UserException;
import io.edgellm.cli.Units;
import io.edgellm.engine.adapter.LoraFiles;
import io.edgellm.engine.adapter.LoraWeights;
import io.edgellm.engine.data.DatasetSplits.Split;
import io.edgellm.engine.data.Example;
import io.edgellm.engine.data.Task;
import io.edgellm.engine.data.Tasks;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tokenizer.SpecialTokens;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.Tokenizers;
import io.edgellm.engine.train.AdapterConfig;
import io.edgellm.engine.train.Batch;
import io.edgellm.engine.train.EvalResult;
import io.edgellm.engine.train.ExampleBatches;
import io.edgellm.engine.train.ExampleBatches.TokenizedExample;
import io.edgellm.engine.train.FullTraining;
import io.edgellm.engine.train.LoraConfig;
import io.edgellm.engine.train.PromptTuningConfig;
import io.edgellm.engine.train.TargetModule;
import io.edgellm.engine.train.TrainableModel;
import io.edgellm.engine.train.Trainer;
import io.edgellm.engine.train.TrainingMethod;
import io.edgellm.engine.train.WarmupCosine;
import io.edgellm.engine.train.ops.Activation;
import io.edgellm.engine.tuning.ChatExamples;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgellm finetune}: supervised fine-tuning on a task, with LoRA, bottleneck adapters, prompt tuning or full training. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"Fine-tune a GGUF model on a task's ChatML examples (the user turn is the prompt, the assistant turn the",
            "answer, which alone is trained on). LoRA writes a PEFT directory, or a GGUF LoRA file when OUT ends in .gguf;",
            "full fine-tuning writes a GGUF model; adapters and prompt tuning write their trained parameters as a training",
            "checkpoint (GGUF). Ctrl-C stops after the step in progress and writes a checkpoint to resume from (--resume)."})
public final class FinetuneCommand implements Callable<Integer> {

    /** Exit status after a stop, as shells report a process ended by SIGINT (the JVM, ending on the signal, reports it). */
    static final int EXIT_INTERRUPTED = 130;

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "BASE.gguf", description = "The model to fine-tune (a ChatML vocabulary).")
    Path model;

    @Option(names = "--task", required = true, paramLabel = "TASK", description = "robot or triage.")
    String task;

    @Option(names = "--data", paramLabel = "FILE.jsonl", description = "Training examples (default: --train-examples generated from the task's training split).")
    Path data;

    @Option(names = "--validation-data", paramLabel = "FILE.jsonl", description = "Validation examples (default: generated from the task's validation split).")
    Path validationData;

    @Option(names = "--train-examples", paramLabel = "N", defaultValue = "4000", description = "Generated training examples (default: ${DEFAULT-VALUE}).")
    int trainExamples;

    @Option(names = "--validation-examples", paramLabel = "N", defaultValue = "200", description = "Generated validation examples (default: ${DEFAULT-VALUE}).")
    int validationExamples;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "lora", description = "lora, adapter, prompt or full (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--rank", paramLabel = "R", defaultValue = "8", description = "LoRA rank (default: ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "16", description = "LoRA alpha; updates are scaled by alpha/rank (default: ${DEFAULT-VALUE}).")
    float alpha;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0.05", description = "LoRA dropout (default: ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--targets", paramLabel = "MODULES", split = ",", defaultValue = "q,k,v,o,gate,up,down",
            description = "LoRA target modules: q, k, v, o, gate, up, down or their PEFT names (default: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(names = "--freezing-ratio", paramLabel = "F", defaultValue = "0", description = "Fraction of the bottom blocks left untouched, for lora and full (default: ${DEFAULT-VALUE}).")
    double freezingRatio;

    @Option(names = "--bottleneck", paramLabel = "N", defaultValue = "32", description = "Adapter bottleneck width (default: ${DEFAULT-VALUE}).")
    int bottleneck;

    @Option(names = "--virtual-tokens", paramLabel = "N", defaultValue = "16", description = "Prompt-tuning virtual tokens (default: ${DEFAULT-VALUE}).")
    int virtualTokens;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate (default: 2e-3 lora and adapter, 3e-2 prompt, 5e-4 full).")
    Double learningRate;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "50", description = "Warm-up steps before the cosine decay (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "100", description = "Validation loss every N steps (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seeds initialisation, data order and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the result.")
    Path output;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "F16", description = "Storage of a fully fine-tuned model (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--checkpoint", paramLabel = "CKPT.gguf", description = "Where Ctrl-C writes a checkpoint (default: OUT.ckpt.gguf).")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "CKPT.gguf", description = "Continue the run saved in this checkpoint.")
    Path resume;

    @Option(names = "--init-adapter", paramLabel = "ADAPTER", description = "With lora: start from this adapter (PEFT directory or GGUF LoRA) of the same rank and modules.")
    Path initAdapter;

    @Mixin
    ProgressOption progressOption;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        TrainingMethod trainingMethod = trainingMethod();
        checkOutput(trainingMethod);
        Task chosen = Tasks.byName(task);
        List<Example> train = data != null ? TaskSets.read(data, null) : TaskSets.generate(chosen, Split.TRAIN, trainExamples);
        List<Example> validation = validationData != null ? TaskSets.read(validationData, null)
                : TaskSets.generate(chosen, Split.VALIDATION, validationExamples);
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (GGUFFile base = GGUFFile.open(model); ComputePool pool = threads.newPool()) {
            ModelConfig config = ModelConfig.from(base);
            Tokenizer tokenizer = Tokenizers.fromMetadata(base.metadata());
            List<TokenizedExample> trainTokens = ChatExamples.tokenize(tokenizer, train);
            List<TokenizedExample> validationTokens = ChatExamples.tokenize(tokenizer, validation);
            int length = Math.min(config.contextLength() - virtualTokens(trainingMethod),
                    Math.max(ChatExamples.longest(trainTokens), ChatExamples.longest(validationTokens)));
            int pad = tokenizer.specials().padding() != SpecialTokens.NONE ? tokenizer.specials().padding() : tokenizer.specials().eos();
            TrainableModel trainable = TrainableModel.fromGguf(base, trainingMethod, seed, pool);
            if (initAdapter != null) {
                LoraFiles.read(initAdapter, config).loadInto(trainable);
            }
            double peak = learningRate != null ? learningRate : defaultRate(trainingMethod);
            Trainer trainer = new Trainer(trainable,
                    Trainer.Settings.defaults(new WarmupCosine(peak, peak / 10, Math.min(warmup, steps), steps)).withSeed(seed),
                    new ExampleBatches(trainTokens, batch, length, pad, seed));
            if (resume != null) {
                trainer.loadCheckpoint(resume);
            }
            List<Batch> validationBatches = validationBatches(validationTokens, length, pad);
            out.printf(Locale.ROOT, "%s on %s: %s, %s trainable parameters; %d training examples (up to %d tokens), %d validation%s%n",
                    trainingMethod.describe(), model.getFileName(), chosen.name(), Units.count(trainable.trainableParameterCount()),
                    train.size(), length, validation.size(),
                    resume != null ? "; resumed at step " + trainer.completedSteps() : "");
            out.flush();
            Trainer.RunResult result;
            double tokensPerSecond;
            try (StopOnInterrupt stop = new StopOnInterrupt(trainer);
                 TrainingProgress progress = new TrainingProgress(out, progressOption.shown(), "finetune " + chosen.name(),
                         trainer.completedSteps(), steps)) {
                result = trainer.run(steps, validationBatches, evalEvery, progress);
                tokensPerSecond = progress.tokensPerSecond();
                if (result.stopped()) {
                    Path ckpt = checkpointPath();
                    trainer.saveCheckpoint(ckpt);
                    out.printf(Locale.ROOT, "stopped at step %d of %d: checkpoint %s (continue with --resume %s)%n",
                            result.completedSteps(), steps, ckpt, ckpt);
                    out.flush();
                    return EXIT_INTERRUPTED;
                }
                write(trainingMethod, trainable, trainer, base);
            }
            EvalResult last = trainer.evaluate(validationBatches);
            out.printf(Locale.ROOT, "wrote %s: validation loss %.4f (perplexity %.3f), %,.0f training tokens/s, %.1f minutes%n",
                    output, last.loss(), last.perplexity(), tokensPerSecond, (System.nanoTime() - started) / 60e9);
            out.flush();
        }
        return 0;
    }

    private TrainingMethod trainingMethod() {
        return switch (method) {
            case "lora" -> {
                Set<TargetModule> modules = EnumSet.noneOf(TargetModule.class);
                targets.forEach(t -> modules.add(TargetModule.parse(t)));
                yield new LoraConfig(rank, alpha, dropout, modules, freezingRatio);
            }
            case "adapter" -> new AdapterConfig(bottleneck, Activation.GELU);
            case "prompt" -> new PromptTuningConfig(virtualTokens);
            case "full" -> new FullTraining(freezingRatio);
            default -> throw new UserException("unknown method '" + method + "' (known: lora, adapter, prompt, full)");
        };
    }

    /** Fails before any training when the output path cannot hold what the method writes. */
    private void checkOutput(TrainingMethod m) {
        boolean gguf = output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf");
        if (!(m instanceof LoraConfig) && !gguf) {
            throw new UserException(method + " writes a GGUF file: name the output *.gguf, got " + output);
        }
        if (m instanceof LoraConfig && !gguf && Files.exists(output) && !Files.isDirectory(output)) {
            throw new UserException("LoRA writes a PEFT directory (or a GGUF LoRA file *.gguf), but " + output + " is a file");
        }
        if (initAdapter != null && !(m instanceof LoraConfig)) {
            throw new UserException("--init-adapter starts LoRA from an adapter; the method is " + method);
        }
        if (m instanceof FullTraining) {
            QuantizationScheme.parse(type).singleType();
        }
    }

    private void write(TrainingMethod m, TrainableModel trainable, Trainer trainer, GGUFFile base) throws IOException {
        switch (m) {
            case LoraConfig _ -> LoraFiles.write(output, LoraWeights.of(trainable, model.getFileName().toString()), trainable.config());
            case FullTraining _ -> trainable.saveGguf(output, QuantizationScheme.parse(type).singleType(), base.metadata());
            default -> trainer.saveCheckpoint(output);
        }
    }

    /** Validation examples one per batch, each exactly once. */
    private static List<Batch> validationBatches(List<TokenizedExample> examples, int length, int pad) {
        ExampleBatches source = new ExampleBatches(examples, 1, length, pad, 0);
        List<Batch> batches = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            batches.add(source.next());
        }
        return batches;
    }

    private Path checkpointPath() {
        if (checkpoint != null) {
            return checkpoint;
        }
        String name = output.getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
        return output.resolveSibling(name + ".ckpt.gguf");
    }

    private static int virtualTokens(TrainingMethod m) {
        return m instanceof PromptTuningConfig p ? p.virtualTokens() : 0;
    }

    private static double defaultRate(TrainingMethod m) {
        return switch (m) {
            case PromptTuningConfig _ -> 3e-2;
            case FullTraining _ -> 5e-4;
            default -> 2e-3;
        };
    }
}
