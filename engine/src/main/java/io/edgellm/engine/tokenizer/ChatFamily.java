package io.edgellm.engine.tokenizer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The chat formats supported, each recognisable in a model's Jinja template
 * ({@code tokenizer.chat_template}) by marker strings, the way llama.cpp recognises them.
 */
public enum ChatFamily {
    /** {@code <|im_start|>role\n...<|im_end|>\n}: Qwen2/2.5, SmolLM/SmolLM2. */
    CHATML(false, false, (bos, eos) -> new ChatMLTemplate()),
    /** {@code <|start_header_id|>role<|end_header_id|>\n\n...<|eot_id|>} after BOS. */
    LLAMA3(true, false, (bos, eos) -> new Llama3Template(bos)),
    /** {@code <s>[INST] <<SYS>>\n...\n<</SYS>>\n\n... [/INST] ... </s>}. */
    LLAMA2(true, true, Llama2Template::new),
    /** Mistral 7B Instruct v0.1/v0.2: {@code <s>[INST] ... [/INST]...</s>}, no system block. */
    MISTRAL(true, true, MistralTemplate::new),
    /** {@code <|role|>\n...</s>\n}: Zephyr, TinyLlama chat. */
    ZEPHYR(false, true, (bos, eos) -> new ZephyrTemplate(eos));

    private final boolean needsBos;
    private final boolean needsEos;
    private final TemplateFactory factory;

    /** Makes the family's template from the BOS and EOS texts of the model's vocabulary. */
    @FunctionalInterface
    interface TemplateFactory {
        ChatTemplate create(String bosText, String eosText);
    }

    ChatFamily(boolean needsBos, boolean needsEos, TemplateFactory factory) {
        this.needsBos = needsBos;
        this.needsEos = needsEos;
        this.factory = factory;
    }

    /** The family named {@code name} (case-insensitive: "chatml", "llama3", "llama2", "mistral", "zephyr"). */
    public static ChatFamily byName(String name) {
        for (ChatFamily f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown chat template family '" + name + "' (known: "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList() + ")");
    }

    /**
     * The family whose markers appear in a Jinja chat template, if any. Mistral's later formats
     * ({@code [SYSTEM_PROMPT]}, {@code [AVAILABLE_TOOLS]}) and Phi-3's ({@code <|end|>}) share markers
     * with supported ones but differ from them, so they are not recognised.
     */
    public static Optional<ChatFamily> detect(String jinja) {
        if (jinja.contains("<|im_start|>")) {
            return Optional.of(CHATML);
        }
        if (jinja.contains("<|start_header_id|>") && jinja.contains("<|end_header_id|>")) {
            return Optional.of(LLAMA3);
        }
        if (jinja.contains("[INST]")) {
            if (jinja.contains("[SYSTEM_PROMPT]") || jinja.contains("[AVAILABLE_TOOLS]")) {
                return Optional.empty();
            }
            return Optional.of(jinja.contains("<<SYS>>") ? LLAMA2 : MISTRAL);
        }
        if (jinja.contains("<|user|>") && jinja.contains("<|assistant|>") && !jinja.contains("<|end|>")) {
            return Optional.of(ZEPHYR);
        }
        return Optional.empty();
    }

    boolean needsBos() {
        return needsBos;
    }

    boolean needsEos() {
        return needsEos;
    }

    ChatTemplate create(String bosText, String eosText) {
        return factory.create(bosText, eosText);
    }
}
