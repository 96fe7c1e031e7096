package io.edgellm.engine.tokenizer;

import io.edgellm.engine.gguf.GGUFMetadata;

/** Picks and builds the chat template of a model from its GGUF metadata and tokenizer. */
public final class ChatTemplates {

    static final String CHAT_TEMPLATE = "tokenizer.chat_template";

    private ChatTemplates() {
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
