package io.edgellm.engine.tokenizer;

import static io.edgellm.engine.tokenizer.SmallVocabs.ids;
import static io.edgellm.engine.tokenizer.SmallVocabs.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteLevelBpeTokenizerTest {

    @TempDir
    Path tmp;

    @Test
    void mergesFollowRankThroughTheByteAlphabet() {
        Tokenizer t = SmallVocabs.bpe("gpt-2").tokenizer(tmp);
        int[] ids = t.encode("hello world", false, false);
        assertEquals(List.of("hello", "Ġworld"), texts(t, ids));
        assertEquals(" world", new String(t.tokenBytes(ids[1]), StandardCharsets.UTF_8));
        assertEquals("hello world", t.decode(ids));
    }

    @Test
    void lowerRankMergesFirst() {
        Tokenizer bcFirst = TestVocab.bpe("gpt-2").normal("ab").normal("bc").merges("b c", "a b").tokenizer(tmp);
        assertEquals(List.of("a", "bc"), texts(bcFirst, bcFirst.encode("abc", false, false)));
        Tokenizer abFirst = TestVocab.bpe("gpt-2").normal("ab").normal("bc").merges("a b", "b c").tokenizer(tmp);
        assertEquals(List.of("ab", "c"), texts(abFirst, abFirst.encode("abc", false, false)));
    }

    @Test
    void mergesNeverCrossPreTokens() {
        Tokenizer t = TestVocab.bpe("gpt-2").normal("aĠ").merges("a Ġ").tokenizer(tmp);
        // "a" and " b" are separate pre-tokens, so "a" + "Ġ" never meet.
        assertEquals(List.of("a", "Ġ", "b"), texts(t, t.encode("a b", false, false)));
    }

    @Test
    void llama3UsesWholePreTokensFoundInTheVocabularyWithoutMerging() {
        // "xyz" is a token that no merge reaches.
        Tokenizer llama3 = TestVocab.bpe("llama-bpe").normal("xyz").tokenizer(tmp);
        assertEquals(List.of("xyz"), texts(llama3, llama3.encode("xyz", false, false)));
        Tokenizer gpt2 = TestVocab.bpe("gpt-2").normal("xyz").tokenizer(tmp);
        assertEquals(List.of("x", "y", "z"), texts(gpt2, gpt2.encode("xyz", false, false)));
    }

    @Test
    void multiByteCharactersBecomeByteTokens() {
        Tokenizer t = SmallVocabs.bpe("llama-bpe").tokenizer(tmp);
        for (String s : List.of("😀", "中文", "é", "a\u0301")) {
            int[] ids = t.encode(s, false, false);
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, ids.length, s);
            assertEquals(s, t.decode(ids));
        }
    }

    @Test
    void whitespaceNewlinesAndEmptyInputRoundTrip() {
        Tokenizer t = SmallVocabs.bpe("qwen2").tokenizer(tmp);
        assertArrayEquals(new int[0], t.encode("", true, false), "no BOS for Qwen2 and no text");
        for (String s : List.of(" ", "   ", "\n", "\n\n\n", "\t \n", "hello  world \n\n", "  x  ", "\r\n")) {
            assertEquals(s, t.decode(t.encode(s, false, false)), () -> "round trip of '" + s + "'");
        }
    }

    @Test
    void controlTokenTextIsParsedOnlyWhenAsked() {
        Tokenizer t = SmallVocabs.bpe("qwen2").tokenizer(tmp);
        String text = "<|im_start|>hello<|im_end|>";
        int[] parsed = t.encode(text, false, true);
        assertEquals(List.of("<|im_start|>", "hello", "<|im_end|>"), texts(t, parsed));
        assertEquals(text, t.decode(parsed, true));
        assertEquals("hello", t.decode(parsed));

        int[] plain = t.encode(text, false, false);
        assertTrue(plain.length > 10, "spelled out byte by byte");
        assertEquals(text, t.decode(plain));
    }

    @Test
    void bosIsAddedByDefaultOnlyForLlama3() {
        TestVocab withBos = SmallVocabs.bpe("llama-bpe");
        withBos.id(SpecialTokens.BOS, withBos.add("<|begin_of_text|>", 0f, TokenType.CONTROL));
        Tokenizer llama3 = withBos.tokenizer(tmp);
        assertTrue(llama3.addsBos());
        assertArrayEquals(ids(llama3, "<|begin_of_text|>", "hello"), llama3.encode("hello", true, false));

        TestVocab qwenLike = SmallVocabs.bpe("qwen2");
        qwenLike.id(SpecialTokens.BOS, qwenLike.add("<|begin_of_text|>", 0f, TokenType.CONTROL));
        assertFalse(qwenLike.tokenizer(tmp).addsBos());
    }

    @Test
    void endOfGenerationTokensAreFoundByText() {
        Tokenizer t = SmallVocabs.bpe("qwen2").tokenizer(tmp);
        SpecialTokens s = t.specials();
        assertEquals(t.tokenId("<|endoftext|>"), s.eos());
        assertEquals(t.tokenId("<|im_end|>"), s.eot(), "ChatML's end of turn, without an eot key");
        assertTrue(t.isEndOfGeneration(s.eos()));
        assertTrue(t.isEndOfGeneration(s.eot()));
        assertFalse(t.isEndOfGeneration(t.tokenId("<|im_start|>")));
        assertFalse(t.isEndOfGeneration(t.tokenId("hello")));
        assertFalse(s.hasBos());
    }

    @Test
    void theEotKeyWinsOverDetection() {
        TestVocab v = SmallVocabs.bpe("qwen2");
        int custom = v.add("<|stop|>", 0f, TokenType.CONTROL);
        Tokenizer t = v.id(SpecialTokens.EOT, custom).tokenizer(tmp);
        assertEquals(custom, t.specials().eot());
        assertTrue(t.isEndOfGeneration(custom));
        assertTrue(t.isEndOfGeneration(t.tokenId("<|im_end|>")), "still a chat end-of-turn marker");
    }

    @Test
    void longTextEncodesAndRoundTrips() {
        Tokenizer t = SmallVocabs.bpe("llama-bpe").tokenizer(tmp);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 12_000; i++) {
            sb.append("hello world ").append(i).append(i % 7 == 0 ? "\n\n" : " ").append("x".repeat(i % 50));
        }
        String text = sb.toString();
        assertEquals(text, t.decode(t.encode(text, false, false)));
    }
}
