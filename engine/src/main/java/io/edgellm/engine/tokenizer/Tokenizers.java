package io.edgellm.engine.tokenizer;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import java.nio.file.Path;

/**
 * Builds tokenizers from GGUF metadata ({@code tokenizer.ggml.*}, the keys llama.cpp writes).
 * Supported models: {@code llama} (SentencePiece-style) and {@code gpt2} (byte-level BPE, with the
 * pre-tokenizers {@code default}, {@code gpt-2}, {@code llama-bpe}, {@code qwen2} and {@code smollm}).
 */
public final class Tokenizers {

    static final String MODEL = "tokenizer.ggml.model";
    static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    static final String ADD_EOS = "tokenizer.ggml.add_eos_token";

    private Tokenizers() {
    }

    /**
     * The tokenizer the metadata describes.
     *
     * @throws TokenizerException if the metadata is missing a part or contradicts itself (per-token arrays of
     *     another length than the token list, merges of pieces that are not tokens, an unknown model or
     *     pre-tokenizer, a special-token id outside the vocabulary, BOS/EOS asked for but not given)
     * @throws io.edgellm.engine.gguf.GGUFException if a key is absent or has the wrong type
     */
    public static Tokenizer fromMetadata(GGUFMetadata md) {
        String model = md.getString(MODEL);
        if (!model.equals("llama") && !model.equals("gpt2")) {
            throw new TokenizerException(md.source(), "unsupported tokenizer model '" + model + "' in '" + MODEL
                    + "' (supported: llama, gpt2)");
        }
        Vocabulary vocab = Vocabulary.fromMetadata(md);
        SpecialTokens specials = SpecialTokens.fromMetadata(md, vocab);
        TokenModel tokenModel = model.equals("llama")
                ? SentencePieceModel.fromMetadata(md, vocab, specials)
                : ByteLevelBpeModel.fromMetadata(md, vocab, specials);
        boolean addBos = flag(md, ADD_BOS, tokenModel.addsBosByDefault(), specials.hasBos(), SpecialTokens.BOS);
        boolean addEos = flag(md, ADD_EOS, false, specials.hasEos(), SpecialTokens.EOS);
        return new VocabTokenizer(vocab, tokenModel, specials, addBos, addEos);
    }

    /** Reads the tokenizer of a GGUF file. */
    public static Tokenizer open(Path gguf) {
        try (GGUFFile file = GGUFFile.open(gguf)) {
            return fromMetadata(file.metadata());
        }
    }

    /** An add-BOS/EOS flag: as the file says, else the model's default where the token exists. */
    private static boolean flag(GGUFMetadata md, String key, boolean byDefault, boolean tokenExists, String idKey) {
        if (!md.containsKey(key)) {
            return byDefault && tokenExists;
        }
        boolean value = md.getBool(key);
        if (value && !tokenExists) {
            throw new TokenizerException(md.source(), "'" + key + "' is true but '" + idKey + "' is missing");
        }
        return value;
    }
}
