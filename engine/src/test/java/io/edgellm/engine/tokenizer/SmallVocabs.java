package io.edgellm.engine.tokenizer;

import java.util.Arrays;
import java.util.List;

/** The small vocabularies several tests share, and helpers to read token ids as their texts. */
final class SmallVocabs {

    private SmallVocabs() {
    }

    /**
     * SentencePiece-style: {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte tokens, a few pieces
     * over a, b, c with scores that make "bc" outrank "ab", a ChatML control token, a user-defined
     * {@code <tool>} and a precomposed é.
     */
    static TestVocab spm() {
        TestVocab v = TestVocab.spm()
                .token("<unk>", 0f, TokenType.UNKNOWN)
                .token("<s>", 0f, TokenType.CONTROL)
                .token("</s>", 0f, TokenType.CONTROL)
                .byteTokens()
                .token("▁", -1f, TokenType.NORMAL)
                .token("a", -1f, TokenType.NORMAL)
                .token("b", -1f, TokenType.NORMAL)
                .token("c", -1f, TokenType.NORMAL)
                .token("ab", -3f, TokenType.NORMAL)
                .token("bc", -2f, TokenType.NORMAL)
                .token("▁a", -4f, TokenType.NORMAL)
                .token("▁▁", -5f, TokenType.NORMAL)
                .token("<|im_start|>", 0f, TokenType.CONTROL)
                .token("<tool>", 0f, TokenType.USER_DEFINED)
                .token("é", -1f, TokenType.NORMAL);
        return v.id(SpecialTokens.UNKNOWN, 0).id(SpecialTokens.BOS, 1).id(SpecialTokens.EOS, 2);
    }

    /**
     * Byte-level BPE over the byte alphabet with merges spelling "hello" and " world", and the control
     * tokens {@code <|endoftext|>} (EOS), {@code <|im_start|>}, {@code <|im_end|>}.
     */
    static TestVocab bpe(String pre) {
        TestVocab v = TestVocab.bpe(pre);
        for (String t : List.of("he", "ll", "hell", "hello", "Ġw", "or", "Ġwor", "Ġworl", "Ġworld")) {
            v.normal(t);
        }
        v.merges("h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "Ġwor l", "Ġworl d");
        int eos = v.add("<|endoftext|>", 0f, TokenType.CONTROL);
        v.add("<|im_start|>", 0f, TokenType.CONTROL);
        v.add("<|im_end|>", 0f, TokenType.CONTROL);
        return v.id(SpecialTokens.EOS, eos);
    }

    /** The stored texts of {@code ids}, for assertions that read like the vocabulary. */
    static List<String> texts(Tokenizer t, int[] ids) {
        return Arrays.stream(ids).mapToObj(t::tokenText).toList();
    }

    /** The ids of {@code texts}, each of which must be a token. */
    static int[] ids(Tokenizer t, String... texts) {
        return Arrays.stream(texts).mapToInt(s -> {
            int id = t.tokenId(s);
            if (id < 0) {
                throw new AssertionError("'" + s + "' is not a token");
            }
            return id;
        }).toArray();
    }
}
