package io.edgellm.engine.tokenizer;

import io.edgellm.engine.gguf.GGUFMetadata;
import java.util.List;

/** Picks and builds the chat template of a model from its GGUF metadata and tokenizer. */
public final class ChatTemplates {

    public static final String CHAT_TEMPLATE = "tokenizer.chat_template";
    /** ChatML's turn markers: the control tokens of EdgeLLM's own vocabularies. */
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    public static final List<String> CHATML_MARKERS = List.of(IM_START, IM_END);
    /**
     * A ChatML Jinja template for {@value #CHAT_TEMPLATE}: Qwen2's without its default system message,
     * so it renders exactly what {@link #chatMl()} renders and {@link ChatFamily#detect} recognises it.
     */
    public static final String CHATML_JINJA = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private ChatTemplates() {
    }

    /** ChatML, which writes neither BOS nor EOS text and so needs no vocabulary. */
    public static ChatTemplate chatMl() {
        return new ChatMLTemplate();
    }

    /** The family's template with the BOS/EOS texts of {@code tokenizer}. */
    public static ChatTemplate of(ChatFamily family, Tokenizer tokenizer) {
        return family.create(markerText(family, family.needsBos(), tokenizer.specials().bos(), "BOS", tokenizer),
                markerText(family, family.needsEos(), tokenizer.specials().eos(), "EOS", tokenizer));
    }

    /**
     * The template detected in {@code tokenizer.chat_template}.
     *
     * @throws TokenizerException if the key is absent or its template is of no supported family
     */
    public static ChatTemplate fromMetadata(GGUFMetadata md, Tokenizer tokenizer) {
        String jinja = md.findString(CHAT_TEMPLATE).orElseThrow(() -> new TokenizerException(md.source(),
                "no '" + CHAT_TEMPLATE + "' to detect the chat format from; name the family explicitly"));
        ChatFamily family = ChatFamily.detect(jinja).orElseThrow(() -> new TokenizerException(md.source(),
                "'" + CHAT_TEMPLATE + "' is of no supported chat family (chatml, llama3, llama2, mistral, zephyr);"
                        + " name the family explicitly"));
        return of(family, tokenizer);
    }

    /** The family named {@code familyName} when given (an explicit override), else the detected one. */
    public static ChatTemplate fromMetadata(GGUFMetadata md, Tokenizer tokenizer, String familyName) {
        return familyName == null ? fromMetadata(md, tokenizer) : of(ChatFamily.byName(familyName), tokenizer);
    }

    private static String markerText(ChatFamily family, boolean needed, int id, String what, Tokenizer tokenizer) {
        if (!needed) {
            return "";
        }
        if (id == SpecialTokens.NONE) {
            throw new IllegalArgumentException(family + " chat needs a " + what + " token, which this vocabulary lacks");
        }
        return tokenizer.tokenText(id);
    }
}
