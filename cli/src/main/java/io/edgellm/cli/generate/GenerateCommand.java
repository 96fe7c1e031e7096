package io.edgellm.cli.generate;

import io.edgellm.cli.ThreadsOption;
import io.edgellm.cli.UserException;
import io.edgellm.engine.generate.Generation;
import io.edgellm.engine.generate.GenerationOptions;
import io.edgellm.engine.generate.TextGenerator;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tokenizer.ChatMessage;
import io.edgellm.engine.tokenizer.ChatTemplate;
import io.edgellm.engine.tokenizer.ChatTemplates;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.Tokenizers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgellm generate}: complete a prompt or chat, streaming the text. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate text with a GGUF model: complete a prompt, or chat (--chat) using the model's chat template.",
            "Without --prompt or --prompt-tokens, --chat reads one user message per line from standard input."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.gguf", description = "The model file.")
    Path model;

    static final class PromptInput {
        @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "The prompt (or, with --chat, the user message).")
        String text;

        @Option(names = "--prompt-tokens", paramLabel = "IDS", split = ",",
                description = "The prompt as comma-separated token ids, used as they are (no BOS added).")
        int[] tokens;
    }

    @ArgGroup(exclusive = true)
    PromptInput prompt = new PromptInput();

    @Option(names = "--chat", description = "Use the model's chat template; interactive when no prompt is given.")
    boolean chat;

    @Option(names = "--system", paramLabel = "TEXT", description = "System message for --chat.")
    String system;

    @Option(names = "--template", paramLabel = "NAME",
            description = "Chat template family (chatml, llama3, llama2, mistral, zephyr); default: detected from the model.")
    String template;

    @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", defaultValue = "256", description = "New tokens at most (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when the text contains TEXT (repeatable).")
    List<String> stop = new ArrayList<>();

    @Option(names = "--ignore-eos", description = "Keep generating past end-of-generation tokens.")
    boolean ignoreEos;

    @Option(names = "--print-tokens", description = "Print the prompt and generated token ids as one JSON line instead of the text.")
    boolean printTokens;

    @Option(names = "--stats", description = "Print timings (prefill and decode tokens/s) to standard error.")
    boolean stats;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (chat && prompt.tokens != null) {
            throw new UserException("--chat takes a text prompt, not --prompt-tokens");
        }
        if (prompt.text != null && prompt.text.isEmpty() || prompt.tokens != null && prompt.tokens.length == 0) {
            throw new UserException("the prompt is empty");
        }
        if (!chat && prompt.text == null && prompt.tokens == null) {
            throw new UserException("give a prompt (--prompt or --prompt-tokens), or use --chat");
        }
        try (GGUFFile file = GGUFFile.open(model); ComputePool pool = threads.newPool()) {
            Tokenizer tokenizer = Tokenizers.fromMetadata(file.metadata());
            TextGenerator generator = new TextGenerator(Shard.whole(file, pool), tokenizer);
            GenerationOptions options = new GenerationOptions(maxTokens, sampling.toParams(), stop, ignoreEos);
            if (!chat) {
                int[] ids = prompt.tokens != null ? prompt.tokens : tokenizer.encode(prompt.text, true, false);
                report(generator.generate(ids, options, printTokens ? s -> { } : text -> stream(out, text), () -> false),
                        ids, out, err);
                return 0;
            }
            ChatTemplate chatTemplate = ChatTemplates.fromMetadata(file.metadata(), tokenizer, template);
            List<ChatMessage> messages = new ArrayList<>();
            if (system != null) {
                messages.add(ChatMessage.system(system));
            }
            if (prompt.text != null) {
                chatTurn(generator, chatTemplate, messages, prompt.text, options, out, err);
                return 0;
            }
            interactive(generator, chatTemplate, messages, options, out, err);
        }
        return 0;
    }

    private void interactive(TextGenerator generator, ChatTemplate chatTemplate, List<ChatMessage> messages,
                             GenerationOptions options, PrintWriter out, PrintWriter err) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        err.println("chat with " + model.getFileName() + " (" + chatTemplate.family().name().toLowerCase(Locale.ROOT)
                + " template); /reset starts over, /exit or end of input quits");
        while (true) {
            err.print("> ");
            err.flush();
            String line = in.readLine();
            if (line == null || line.strip().equals("/exit")) {
                return;
            }
            if (line.strip().equals("/reset")) {
                messages.removeIf(m -> m.role() != ChatMessage.Role.SYSTEM);
                generator.reset();
                continue;
            }
            if (!line.isBlank()) {
                chatTurn(generator, chatTemplate, messages, line, options, out, err);
            }
        }
    }

    private void chatTurn(TextGenerator generator, ChatTemplate chatTemplate, List<ChatMessage> messages, String user,
                          GenerationOptions options, PrintWriter out, PrintWriter err) {
        messages.add(ChatMessage.user(user));
        int[] ids = chatTemplate.encode(generator.tokenizer(), messages, true);
        Generation g = generator.generate(ids, options, printTokens ? s -> { } : text -> stream(out, text), () -> false);
        messages.add(ChatMessage.assistant(g.text().strip()));
        report(g, ids, out, err);
    }

    private static void stream(PrintWriter out, String text) {
        out.print(text);
        out.flush();
    }

    private void report(Generation g, int[] promptIds, PrintWriter out, PrintWriter err) {
        if (printTokens) {
            out.println("{\"prompt\":" + json(promptIds) + ",\"tokens\":" + json(g.tokens()) + "}");
        } else {
            out.println();
        }
        out.flush();
        if (stats) {
            err.printf(Locale.ROOT, "prompt: %d tokens (%d reused), prefill %.1f tokens/s; generated %d tokens, decode %.2f tokens/s; stopped: %s%n",
                    g.promptTokens(), g.reusedTokens(), g.prefillTokensPerSecond(), g.tokens().length,
                    g.decodeTokensPerSecond(), g.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            err.flush();
        }
    }

    private static String json(int[] ids) {
        return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
