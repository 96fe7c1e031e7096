package io.edgellm.cli.train;

import io.edgellm.cli.Progress;
import io.edgellm.cli.ProgressOption;
import io.edgellm.cli.ThreadsOption;
import io.edgellm.cli.UserException;
import io.edgellm.engine.adapter.LoraMerger;
import io.edgellm.engine.data.DatasetSplits.Split;
import io.edgellm.engine.data.Example;
import io.edgellm.engine.data.Tasks;
import io.edgellm.engine.family.ModelSize;
import io.edgellm.engine.family.PretrainingCorpus;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.Tokenizers;
import io.edgellm.engine.train.Batch;
import io.edgellm.engine.tuning.TaskEvaluation;
import io.edgellm.engine.tuning.TextEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgellm eval}: task accuracy, or held-out perplexity and draft agreement, with the inference engine. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a GGUF model, optionally with a LoRA adapter (merged into a temporary file, deleted afterwards).",
            "With --task or --data: exact-match accuracy of greedy ChatML answers and the perplexity of the reference answers.",
            "Otherwise: perplexity on the family's held-out English text and, with --draft, the share of positions where",
            "the draft's greedy token equals the model's (the acceptance rate of greedy speculative decoding)."})
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.gguf", description = "The model.")
    Path model;

    @Option(names = {"-a", "--adapter"}, paramLabel = "ADAPTER", description = "A LoRA adapter: PEFT directory or GGUF LoRA file.")
    Path adapter;

    @Option(names = "--task", paramLabel = "TASK", description = "robot or triage: evaluate on generated examples of --split.")
    String task;

    @Option(names = "--data", paramLabel = "FILE.jsonl", description = "Evaluate on these examples instead (prompt/completion JSONL).")
    Path data;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test", description = "validation or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Examples at most (default: 200 generated, or the whole file).")
    Integer limit;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "64", description = "Longest answer generated (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--draft", paramLabel = "DRAFT.gguf", description = "Held-out text: greedy agreement of this draft with the model.")
    Path draft;

    @Mixin
    ProgressOption progressOption;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        if (limit != null && limit < 1) {
            throw new UserException("--limit must be at least 1, got " + limit);
        }
        if (draft != null && (task != null || data != null)) {
            throw new UserException("--draft measures agreement on held-out text; leave out --task and --data");
        }
        List<Example> examples = examples();
        Path temp = adapter == null ? null : Files.createTempDirectory("edgellm-eval");
        try (ComputePool pool = threads.newPool()) {
            Path evaluated = adapter == null ? model : merged(temp);
            try (GGUFFile file = GGUFFile.open(evaluated)) {
                Shard shard = Shard.whole(file, pool);
                Tokenizer tokenizer = Tokenizers.fromMetadata(file.metadata());
                if (examples != null) {
                    taskReport(shard, tokenizer, examples);
                } else {
                    textReport(shard, tokenizer, pool);
                }
            }
        } finally {
            if (temp != null) {
                try (var files = Files.list(temp)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(temp);
            }
        }
        return 0;
    }

    /** The examples to score, or null for held-out text. */
    private List<Example> examples() throws IOException {
        if (data != null) {
            return TaskSets.read(data, limit);
        }
        if (task == null) {
            return null;
        }
        Split which = switch (split) {
            case "validation" -> Split.VALIDATION;
            case "test" -> Split.TEST;
            default -> throw new UserException("--split must be validation or test, got '" + split + "'");
        };
        return TaskSets.generate(Tasks.byName(task), which, limit != null ? limit : 200);
    }

    private Path merged(Path dir) throws IOException {
        Path merged = dir.resolve("merged.gguf");
        LoraMerger.merge(model, adapter, merged, GGMLType.F32);
        return merged;
    }

    private void taskReport(Shard shard, Tokenizer tokenizer, List<Example> examples) {
        PrintWriter out = spec.commandLine().getOut();
        TaskEvaluation.Result r;
        try (ProgressBar bar = Progress.bar(progressOption.shown(), "eval", examples.size(), "examples")) {
            r = TaskEvaluation.run(shard, tokenizer, examples, maxTokens, done -> {
                if (bar != null) {
                    bar.stepTo(done);
                }
            });
        }
        String source = data != null ? data.toString() : task + " " + split + " split";
        out.printf(Locale.ROOT, "%s%s on %s: exact match %d/%d = %.1f%%, answer perplexity %.3f (%d tokens)%n", model.getFileName(),
                adapter == null ? "" : " + " + adapter.getFileName(), source, r.correct(), r.total(), 100 * r.accuracy(),
                r.perplexity(), r.targets());
        for (TaskEvaluation.Mistake m : r.mistakes()) {
            out.printf(Locale.ROOT, "  wrong: %s%n    expected: %s%n    answered: %s%n", m.example().prompt().replace("\n", " | "),
                    m.example().completion().strip(), m.answer().strip());
        }
        out.flush();
    }

    private void textReport(Shard shard, Tokenizer tokenizer, ComputePool pool) {
        PrintWriter out = spec.commandLine().getOut();
        List<Batch> windows = PretrainingCorpus.validationBatches(tokenizer, ModelSize.SEQUENCE_LENGTH);
        long positions = windows.stream().mapToLong(Batch::rows).sum();
        // With a draft, both models' figures come from one forward pass of each.
        TextEvaluation.Comparison c = null;
        if (draft != null) {
            try (GGUFFile draftFile = GGUFFile.open(draft)) {
                c = TextEvaluation.compare(shard, Shard.whole(draftFile, pool), windows);
            }
        }
        out.printf(Locale.ROOT, "held-out English (%d windows, %d positions): perplexity %.4f%n", windows.size(), positions,
                c != null ? c.targetPerplexity() : TextEvaluation.perplexity(shard, windows));
        if (c != null) {
            out.printf(Locale.ROOT, "draft %s: perplexity %.4f, greedy agreement with %s %.2f%%%n", draft.getFileName(),
                    c.draftPerplexity(), model.getFileName(), 100 * c.agreement());
        }
        out.flush();
    }
}
