package io.edgellm.engine.tokenizer;

import static io.edgellm.engine.tokenizer.SmallVocabs.ids;
import static io.edgellm.engine.tokenizer.SmallVocabs.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentencePieceTokenizerTest {

    @TempDir
    Path tmp;

    private Tokenizer tokenizer() {
        return SmallVocabs.spm().tokenizer(tmp);
    }

    @Test
    void mergesTheHighestScoringPairFirst() {
        // "▁abc": "bc" (-2) beats "ab" (-3) and "▁a" (-4); then "▁a" + "bc" is all that can still merge.
        Tokenizer t = tokenizer();
        assertEquals(List.of("▁a", "bc"), texts(t, t.encode("abc", false, false)));

        Tokenizer swapped = TestVocab.spm()
                .token("▁", -1f, TokenType.NORMAL).token("a", -1f, TokenType.NORMAL)
                .token("b", -1f, TokenType.NORMAL).token("c", -1f, TokenType.NORMAL)
                .token("ab", -2f, TokenType.NORMAL).token("bc", -3f, TokenType.NORMAL)
                .token("▁a", -4f, TokenType.NORMAL)
                .tokenizer(tmp);
        // Now "ab" goes first and takes the "a" that "▁a" needed.
        assertEquals(List.of("▁", "ab", "c"), texts(swapped, swapped.encode("abc", false, false)));
    }

    @Test
    void equalScoresMergeLeftmostFirst() {
        // Three spaces: "▁▁" could form at 0 or at 1; the left one wins, leaving a lone "▁".
        Tokenizer t = tokenizer();
        assertEquals(List.of("▁▁", "▁"), texts(t, t.encode("  ", false, false)));
        assertEquals("  ", t.decode(t.encode("  ", false, false)));
    }

    @Test
    void spacePrefixIsOptional() {
        Tokenizer t = SmallVocabs.spm().flag(SentencePieceModel.ADD_SPACE_PREFIX, false).tokenizer(tmp);
        assertFalse(t.addsSpacePrefix());
        assertEquals(List.of("a", "bc"), texts(t, t.encode("abc", false, false)));
        assertEquals(List.of("▁a", "bc"), texts(t, t.encode(" abc", false, false)));
        assertEquals(" abc", t.decode(t.encode(" abc", false, false)));
    }

    @Test
    void charactersWithoutTokensFallBackToBytes() {
        Tokenizer t = tokenizer();
        int[] ids = t.encode("a€é", false, false);
        assertEquals(List.of("▁a", "<0xE2>", "<0x82>", "<0xAC>", "é"), texts(t, ids));
        assertEquals("a€é", t.decode(ids));
        assertArrayEquals(new byte[] {(byte) 0xE2}, t.tokenBytes(ids[1]));
    }

    @Test
    void withoutByteTokensAnUnknownCharacterBecomesTheUnknownToken() {
        Tokenizer t = TestVocab.spm()
                .token("<unk>", 0f, TokenType.UNKNOWN).token("▁", -1f, TokenType.NORMAL).token("a", -1f, TokenType.NORMAL)
                .id(SpecialTokens.UNKNOWN, 0)
                .tokenizer(tmp);
        int[] ids = t.encode("a€a", false, false);
        assertEquals(List.of("▁", "a", "<unk>", "a"), texts(t, ids));
        assertEquals("aa", t.decode(ids), "the unknown token is hidden by default");
        assertEquals("a<unk>a", t.decode(ids, true));
    }

    @Test
    void withoutByteTokensOrUnknownTokenEncodingFailsNamingTheCharacter() {
        Tokenizer t = TestVocab.spm().token("▁", -1f, TokenType.NORMAL).tokenizer(tmp);
        TokenizerException e = assertThrows(TokenizerException.class, () -> t.encode("€", false, false));
        assertTrue(e.getMessage().contains("U+20AC") && e.getMessage().contains("vocab.gguf"), e.getMessage());
    }

    @Test
    void emptyStringAndSpecialTokensAroundIt() {
        Tokenizer t = SmallVocabs.spm().flag(Tokenizers.ADD_EOS, true).tokenizer(tmp);
        assertArrayEquals(new int[0], t.encode("", false, false));
        assertArrayEquals(ids(t, "<s>", "</s>"), t.encode("", true, false));
        assertEquals("", t.decode(new int[0]));
    }

    @Test
    void bosAndEosFollowTheMetadata() {
        Tokenizer defaults = tokenizer();
        assertTrue(defaults.addsBos(), "SentencePiece adds BOS unless told otherwise");
        assertFalse(defaults.addsEos());
        assertEquals(List.of("<s>", "▁a"), texts(defaults, defaults.encode("a", true, false)));

        Tokenizer both = SmallVocabs.spm().flag(Tokenizers.ADD_BOS, false).flag(Tokenizers.ADD_EOS, true).tokenizer(tmp);
        int[] ids = both.encode("a", true, false);
        assertEquals(List.of("▁a", "</s>"), texts(both, ids));
        assertEquals("a", both.decode(ids));
        assertEquals("a</s>", both.decode(ids, true));
    }

    @Test
    void whitespaceRunsNewlinesAndTabsRoundTrip() {
        Tokenizer t = tokenizer();
        int[] ids = t.encode("a\nb", false, false);
        assertEquals(List.of("▁a", "<0x0A>", "b"), texts(t, ids));
        for (String s : List.of(" ", "   a  b   ", "\n", "\n\n a\t\tb \n", "a\r\nb", "\u3000a")) {
            assertEquals(s, t.decode(t.encode(s, false, false)), () -> "round trip of '" + s + "'");
        }
    }

    @Test
    void controlTokenTextIsParsedOnlyWhenAsked() {
        Tokenizer t = tokenizer();
        int[] parsed = t.encode("<|im_start|>ab", false, true);
        // The text after a special token gets the space prefix, as at the start of the input.
        assertEquals(List.of("<|im_start|>", "▁", "ab"), texts(t, parsed));
        assertEquals("<|im_start|>ab", t.decode(parsed, true));
        assertEquals("ab", t.decode(parsed));

        int[] plain = t.encode("<|im_start|>ab", false, false);
        assertFalse(Arrays.stream(plain).anyMatch(id -> id == t.tokenId("<|im_start|>")));
        assertEquals("<|im_start|>ab", t.decode(plain));
    }

    @Test
    void userDefinedTokensAreAlwaysParsedAndAlwaysRendered() {
        Tokenizer t = tokenizer();
        int[] ids = t.encode("a<tool>b", false, false);
        assertEquals(List.of("▁a", "<tool>", "▁", "b"), texts(t, ids));
        assertEquals("a<tool>b", t.decode(ids));
    }

    @Test
    void decodeDropsOneSpaceAtTheStartAndAfterSpecialTokensOnly() {
        Tokenizer t = tokenizer();
        int[] ids = ids(t, "<s>", "▁a", "▁a", "<|im_start|>", "▁▁", "a");
        assertEquals("a a a", t.decode(ids));
        assertEquals("<s>a a<|im_start|> a", t.decode(ids, true));
    }

    @Test
    void tokenBytesUndoTheSpaceMark() {
        Tokenizer t = tokenizer();
        assertEquals(" a", new String(t.tokenBytes(t.tokenId("▁a"))));
        assertEquals("<s>", new String(t.tokenBytes(t.tokenId("<s>"))));
        assertEquals(TokenType.BYTE, t.tokenType(t.tokenId("<0x41>")));
    }

    @Test
    void longTextWithoutSpacesIsMergedAsOneWord() {
        Tokenizer t = tokenizer();
        String text = "abc".repeat(5_000) + "é€".repeat(1_000);
        int[] ids = t.encode(text, false, false);
        assertEquals(text, t.decode(ids));
        assertEquals("▁a", t.tokenText(ids[0]));
        assertEquals("a b", t.decode(t.encode("a▁b", false, false)), "a literal ▁ reads as a space");
    }
}
