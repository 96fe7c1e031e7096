package io.edgellm.engine.tokenizer;

import io.edgellm.engine.gguf.GGUFMetadata;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ids with a fixed role, {@link #NONE} where the vocabulary has none. {@code endOfGeneration} holds
 * every id that ends a model's turn: EOS, EOT, and the end-of-turn tokens of the chat formats found by
 * their text (as llama.cpp does, since GGUF files rarely list them all).
 */
public record SpecialTokens(int bos, int eos, int eot, int unknown, int padding, Set<Integer> endOfGeneration) {

    public static final int NONE = -1;

    static final String BOS = "tokenizer.ggml.bos_token_id";
    static final String EOS = "tokenizer.ggml.eos_token_id";
    static final String EOT = "tokenizer.ggml.eot_token_id";
    static final String UNKNOWN = "tokenizer.ggml.unknown_token_id";
    static final String PADDING = "tokenizer.ggml.padding_token_id";

    /** End-of-turn markers by preference, for files without an EOT id (Llama 3, ChatML, Phi-3, Gemma, GPT-2). */
    private static final List<String> EOT_TEXTS = List.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
            "<|endoftext|>");
    /** Further texts that also stop generation: Llama 3's end-of-message and end-of-text. */
    private static final List<String> OTHER_EOG_TEXTS = List.of("<|eom_id|>", "<|end_of_text|>");

    public SpecialTokens {
        endOfGeneration = Set.copyOf(endOfGeneration);
    }

    public boolean hasBos() {
        return bos != NONE;
    }

    public boolean hasEos() {
        return eos != NONE;
    }

    static SpecialTokens fromMetadata(GGUFMetadata md, Vocabulary vocab) {
        int bos = optionalId(md, vocab, BOS);
        int eos = optionalId(md, vocab, EOS);
        int eot = optionalId(md, vocab, EOT);
        if (eot == NONE) {
            eot = EOT_TEXTS.stream().mapToInt(t -> markerId(vocab, t)).filter(id -> id != NONE).findFirst().orElse(NONE);
        }
        Set<Integer> eog = new TreeSet<>();
        for (String text : OTHER_EOG_TEXTS) {
            eog.add(markerId(vocab, text));
        }
        for (String text : EOT_TEXTS) {
            eog.add(markerId(vocab, text));
        }
        eog.add(eos);
        eog.add(eot);
        eog.remove(NONE);
        return new SpecialTokens(bos, eos, eot, optionalId(md, vocab, UNKNOWN), optionalId(md, vocab, PADDING), eog);
    }

    /** The id of a control or user-defined token with this text; a normal token that happens to match is no marker. */
    private static int markerId(Vocabulary vocab, String text) {
        int id = vocab.id(text);
        return id >= 0 && (vocab.type(id) == TokenType.CONTROL || vocab.type(id) == TokenType.USER_DEFINED) ? id : NONE;
    }

    private static int optionalId(GGUFMetadata md, Vocabulary vocab, String key) {
        if (!md.containsKey(key)) {
            return NONE;
        }
        long id = md.getLong(key);
        if (id < 0 || id >= vocab.size()) {
            throw new TokenizerException(md.source(), "'" + key + "' = " + id + " is not a token id (vocabulary has "
                    + vocab.size() + " tokens)");
        }
        return (int) id;
    }
}
