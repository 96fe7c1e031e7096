package io.edgellm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFException;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFValueType;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing or inconsistent tokenizer metadata fails at load with a message naming the file and the problem. */
class TokenizerMetadataErrorTest {

    @TempDir
    Path tmp;

    private void assertFails(TestVocab vocab, String... expectedInMessage) {
        assertMessage(assertThrows(TokenizerException.class, () -> vocab.tokenizer(tmp)), expectedInMessage);
    }

    private static void assertMessage(RuntimeException e, String... expectedInMessage) {
        assertTrue(e.getMessage().contains("vocab.gguf"), () -> "no file name in: " + e.getMessage());
        for (String s : expectedInMessage) {
            assertTrue(e.getMessage().contains(s), () -> "'" + s + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void scoresOfAnotherLengthThanTokens() {
        assertFails(SmallVocabs.spm().put(SentencePieceModel.SCORES, GGUFValue.ofFloats(0f, 1f)),
                SentencePieceModel.SCORES, "has 2 entries", Vocabulary.TOKENS);
    }

    @Test
    void tokenTypesOfAnotherLengthThanTokens() {
        assertFails(SmallVocabs.spm().put(Vocabulary.TOKEN_TYPES, GGUFValue.ofIntegers(GGUFValueType.INT32, 1, 1)),
                Vocabulary.TOKEN_TYPES, "has 2 entries");
    }

    @Test
    void tokenTypeOutsideTheKnownCodes() {
        TestVocab v = TestVocab.spm().normal("a").normal("b");
        assertFails(v.put(Vocabulary.TOKEN_TYPES, GGUFValue.ofIntegers(GGUFValueType.INT32, 1, 9)),
                "token 1", "unknown type 9");
    }

    @Test
    void sentencePieceWithoutScores() {
        assertFails(SmallVocabs.spm().remove(SentencePieceModel.SCORES), SentencePieceModel.SCORES);
    }

    @Test
    void byteTokenWithTheWrongSpelling() {
        assertFails(TestVocab.spm().token("<0xZZ>", 0f, TokenType.BYTE), "token 0", "<0xZZ>", "BYTE");
    }

    @Test
    void mergeOfAPieceThatIsNoToken() {
        assertFails(SmallVocabs.bpe("gpt-2").merges("he qz"), ByteLevelBpeModel.MERGES, "entry 9", "'qz'");
    }

    @Test
    void mergeWhoseResultIsNoToken() {
        assertFails(SmallVocabs.bpe("gpt-2").merges("x y"), ByteLevelBpeModel.MERGES, "'xy'");
    }

    @Test
    void mergeWithoutSeparator() {
        assertFails(SmallVocabs.bpe("gpt-2").merges("hello"), ByteLevelBpeModel.MERGES, "'hello'", "not two tokens");
    }

    @Test
    void byteLevelWithoutMerges() {
        assertFails(SmallVocabs.bpe("gpt-2").remove(ByteLevelBpeModel.MERGES), ByteLevelBpeModel.MERGES);
    }

    @Test
    void unknownModel() {
        assertFails(SmallVocabs.spm().put(Tokenizers.MODEL, GGUFValue.ofString("bert")), "unsupported tokenizer model 'bert'");
    }

    @Test
    void unknownPreTokenizer() {
        assertFails(SmallVocabs.bpe("tekken"), "unsupported pre-tokenizer 'tekken'", ByteLevelBpeModel.PRE);
    }

    @Test
    void specialTokenIdOutsideTheVocabulary() {
        assertFails(SmallVocabs.spm().id(SpecialTokens.EOS, 100_000), SpecialTokens.EOS, "100000");
    }

    @Test
    void bosAskedForButNotGiven() {
        assertFails(SmallVocabs.bpe("gpt-2").flag(Tokenizers.ADD_BOS, true), Tokenizers.ADD_BOS, SpecialTokens.BOS);
    }

    @Test
    void emptyTokenList() {
        assertFails(TestVocab.spm(), Vocabulary.TOKENS, "empty");
    }

    @Test
    void missingOrMistypedKeysAreReportedByTheReader() {
        Supplier<TestVocab> vocab = SmallVocabs::spm;
        assertMessage(assertThrows(GGUFException.class, () -> vocab.get().remove(Vocabulary.TOKENS).tokenizer(tmp)),
                Vocabulary.TOKENS);
        assertMessage(assertThrows(GGUFException.class, () -> vocab.get().remove(Tokenizers.MODEL).tokenizer(tmp)),
                Tokenizers.MODEL);
        assertMessage(assertThrows(GGUFException.class, () -> vocab.get()
                .put(SentencePieceModel.SCORES, GGUFValue.ofIntegers(GGUFValueType.INT32, 1)).tokenizer(tmp)),
                SentencePieceModel.SCORES);
    }

    @Test
    void idOutOfRangeInDecodeAndLookups() {
        Tokenizer t = SmallVocabs.spm().tokenizer(tmp);
        int size = t.vocabSize();
        assertMessage(assertThrows(TokenizerException.class, () -> t.decode(new int[] {5, size})),
                "token id " + size, "out of range");
        assertMessage(assertThrows(TokenizerException.class, () -> t.decode(new int[] {-1})), "token id -1");
        assertMessage(assertThrows(TokenizerException.class, () -> t.tokenBytes(size)), "token id " + size);
        assertMessage(assertThrows(TokenizerException.class, () -> t.streamingDecoder(false).accept(size)),
                "token id " + size);
    }
}
