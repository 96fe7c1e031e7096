package io.edgellm.cli.demo;

import io.edgellm.cli.CacheDir;
import io.edgellm.cli.EdgeLlm;
import io.edgellm.cli.UserException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgellm demo}: the main job. Runs a tour of the system as a sequence of ordinary
 * {@code edgellm} command lines, printing each before its output, so every step can be copied
 * and rerun by hand.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The end-to-end demonstration: make a model, inspect and quantize it, generate with it,",
            "measure it against the machine's memory bandwidth; then EdgeLLM's own trained models: a task adapter",
            "merged into the base and chatting, its accuracy, the draft's agreement with the base; and plan where a",
            "model runs on an edge network. Each step is an ordinary edgellm command, printed before it runs."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where the demo writes its model files (default: $EDGELLM_CACHE/demo or ~/.cache/edgellm/demo).")
    Path workdir;

    @Option(names = "--threads", paramLabel = "N", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--examples", paramLabel = "DIR", defaultValue = "examples",
            description = "The repository's examples folder (default: ${DEFAULT-VALUE}, as ./edgellm runs from the repository root).")
    Path examples;

    @Option(names = "--models", paramLabel = "DIR", defaultValue = "models",
            description = "The repository's trained models (default: ${DEFAULT-VALUE}, as ./edgellm runs from the repository root).")
    Path models;

    /** One step: what it shows, and the command line that shows it. */
    record Step(String title, List<String> args) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = workdir != null ? workdir : defaultDir();
        Files.createDirectories(dir);
        int n = 1;
        for (Step step : steps(dir)) {
            out.printf("%n== %d. %s%n$ edgellm %s%n", n++, step.title(), String.join(" ", step.args().stream()
                    .map(DemoCommand::shellWord).toList()));
            out.flush();
            int code = EdgeLlm.run(out, err, step.args().toArray(String[]::new));
            if (code != 0) {
                throw new UserException("demo step '" + step.title() + "' failed with exit status " + code);
            }
        }
        out.printf("%nDone. The model files are in %s.%n", dir);
        out.flush();
        return 0;
    }

    List<Step> steps(Path dir) {
        String f32 = dir.resolve("smollm-f32.gguf").toString();
        String q8 = dir.resolve("smollm-q8_0.gguf").toString();
        String q4 = dir.resolve("smollm-q4_k_m.gguf").toString();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Write a model: SmolLM2-135M's shape with random weights (no model hub needed)",
                List.of("synthetic", "--preset", "smollm", "--type", "F32", "--seed", "7", "-o", f32)));
        steps.add(new Step("Inspect it without loading it", List.of("inspect", f32, "--no-tensors")));
        steps.add(new Step("Post-training quantization to 8 bits", withThreads(List.of("quantize", f32, q8, "--type", "Q8_0", "--no-progress"))));
        steps.add(new Step("... and to llama.cpp's Q4_K_M mix", withThreads(List.of("quantize", f32, q4, "--type", "Q4_K_M", "--no-progress"))));
        for (String model : List.of(f32, q8, q4)) {
            steps.add(new Step("Greedy generation, " + Path.of(model).getFileName() + " (random weights: the text is noise, the tokens are comparable)",
                    withThreads(List.of("generate", "-m", model, "--prompt-tokens", "1,504,1002,315,2040,77", "-n", "16",
                            "--greedy", "--ignore-eos", "--print-tokens", "--stats"))));
        }
        steps.add(new Step("Decode speed against the memory bandwidth measured in the same run",
                withThreads(List.of("bench", "--model", q8, "--prompt", "64", "--decode", "32", "--repeat", "2", "--probe-mib", "512"))));
        steps.addAll(familySteps(dir));
        steps.add(new Step("Plan where a 1B Llama runs on a campus edge network (phones, three edge servers, a cloud)",
                List.of("plan", "--topology", example("topologies/campus.yaml"), "--model", "llama-1b", "--objective", "decode-latency")));
        steps.add(new Step("Multi-hop split of a 7B model over a chain of servers (the paper's Fig. 5)",
                List.of("plan", "--topology", example("topologies/chain-fig5.yaml"), "--model", "llama-7b", "--precision", "f16",
                        "--objective", "decode-latency")));
        steps.add(new Step("Parameter-sharing model caching on edge servers (TrimCaching)",
                List.of("plan-cache", "--topology", example("topologies/campus.yaml"), "--library", example("libraries/assistants.yaml"))));
        return steps;
    }

    /** EdgeLLM's own models (docs/MODELS.md), trained by the project and committed: real behaviour, not noise. */
    private List<Step> familySteps(Path dir) {
        String base = model("edgellm-base.gguf");
        String draft = model("edgellm-draft.gguf");
        String merged = dir.resolve("base-robot.gguf").toString();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("EdgeLLM's own models: held-out perplexity of the 3M base and how often the 0.7M draft's greedy token"
                + " matches it (speculative decoding's acceptance rate)", withThreads(List.of("eval", "-m", base, "--draft", draft))));
        steps.add(new Step("Fold the robot-control LoRA adapter (a Hugging Face PEFT directory) into the base",
                List.of("merge", "-m", base, "-a", model("lora/robot"), "-o", merged)));
        steps.add(new Step("Chat with the merged model: an instruction in, a robot action plan out",
                withThreads(List.of("generate", "-m", merged, "--chat", "-p",
                        "instruction: Please pick up the red cup and put it in the blue bin, then turn left.\nplan:",
                        "-n", "48", "--greedy"))));
        steps.add(new Step("Exact-match accuracy of base + triage LoRA (GGUF LoRA file) on held-out triage reports",
                withThreads(List.of("eval", "-m", base, "-a", model("lora/triage.gguf"), "--task", "triage", "--limit", "20",
                        "--no-progress"))));
        return steps;
    }

    private String model(String name) {
        return repositoryFile(models, name, "trained model", "--models");
    }

    private List<String> withThreads(List<String> args) {
        if (threads == null) {
            return args;
        }
        List<String> all = new ArrayList<>(args);
        all.add("--threads");
        all.add(threads.toString());
        return all;
    }

    private String example(String name) {
        return repositoryFile(examples, name, "example file", "--examples");
    }

    /** A file the demo takes from the repository, with what to do when it is not where ./edgellm would find it. */
    private static String repositoryFile(Path folder, String name, String what, String option) {
        Path p = folder.resolve(name);
        if (!Files.exists(p)) {
            throw new UserException(what + " " + p + " not found: run the demo from the repository root (./edgellm demo)"
                    + " or name the folder with " + option);
        }
        return p.toString();
    }

    /** An argument as a shell would need it typed: quoted when it has spaces, in $'...' when it has a newline. */
    private static String shellWord(String arg) {
        if (arg.contains("\n")) {
            return "$'" + arg.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        }
        return arg.contains(" ") ? "'" + arg + "'" : arg;
    }

    private static Path defaultDir() {
        return CacheDir.path().resolve("demo");
    }
}
