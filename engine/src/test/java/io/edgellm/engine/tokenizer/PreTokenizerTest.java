package io.edgellm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pre-token boundaries of each pattern set, worked out by hand from the patterns' alternatives. */
class PreTokenizerTest {

    @Test
    void llama3GroupsDigitsByThreeAndKeepsContractionsApart() {
        assertEquals(List.of("Hello", ",", " y", "'all", "!", " ", "123", "456", "7"),
                PreTokenizer.LLAMA3.split("Hello, y'all! 1234567"));
        assertEquals(List.of("I", "'VE", " been"), PreTokenizer.LLAMA3.split("I'VE been"));
    }

    @Test
    void llama3KeepsNewlineRunsWithTheSpacesBeforeThem() {
        assertEquals(List.of("a", "  \n\n", " b"), PreTokenizer.LLAMA3.split("a  \n\n b"));
        // A tab (any one non-letter, non-digit, non-newline) joins the word after it.
        assertEquals(List.of("x", ":\n", "\treturn"), PreTokenizer.LLAMA3.split("x:\n\treturn"));
    }

    @Test
    void whitespaceIsUnicodeWhiteSpace() {
        // U+3000 is white space: without Unicode classes it would be read as punctuation, "\u3000\u3000".
        assertEquals(List.of("a", "\u3000", "\u3000b"), PreTokenizer.LLAMA3.split("a\u3000\u3000b"));
    }

    @Test
    void qwen2TakesDigitsOneByOne() {
        assertEquals(List.of("abc", " ", "1", "2", "3"), PreTokenizer.QWEN2.split("abc 123"));
    }

    @Test
    void gpt2KeepsTheSpaceBeforeDigitsAndPunctuation() {
        assertEquals(List.of("Hello", " world", " ", " 123", " !!"), PreTokenizer.GPT2.split("Hello world  123 !!"));
        assertEquals(List.of("it", "'s"), PreTokenizer.GPT2.split("it's"));
    }

    @Test
    void smollmSplitsDigitsFirstAndLaterPatternsCannotLookPastAPiece() {
        assertEquals(List.of("ab", " ", "1", "2"), PreTokenizer.SMOLLM.split("ab 12"));
        // GPT-2's pattern alone would give "a", " ", " 1"; after the digit split "a  " ends the piece.
        assertEquals(List.of("a", "  ", "1"), PreTokenizer.SMOLLM.split("a  1"));
    }

    @Test
    void defaultAppliesFourPatternsInTurn() {
        assertEquals(List.of("Hello", ",", " world", " ", "123", "45"), PreTokenizer.DEFAULT.split("Hello, world 12345"));
    }

    @Test
    void piecesAlwaysCoverTheText() {
        String text = "Ünïcödé 🦙 text\t\twith 42 numbers, 'quotes' and CAPS'LL\r\n\n  end  ";
        for (PreTokenizer p : PreTokenizer.values()) {
            assertEquals(text, String.join("", p.split(text)), p.name());
            assertEquals(List.of(), p.split(""), p.name());
        }
    }

    @Test
    void namesAreLlamaCppNames() {
        Path file = Path.of("model.gguf");
        assertSame(PreTokenizer.LLAMA3, PreTokenizer.forName("llama-bpe", file));
        assertSame(PreTokenizer.QWEN2, PreTokenizer.forName("qwen2", file));
        assertSame(PreTokenizer.SMOLLM, PreTokenizer.forName("smollm", file));
        assertSame(PreTokenizer.GPT2, PreTokenizer.forName("gpt-2", file));
        assertSame(PreTokenizer.DEFAULT, PreTokenizer.forName("default", file));
        assertTrue(PreTokenizer.LLAMA3.ignoresMerges());
        assertFalse(PreTokenizer.QWEN2.ignoresMerges());
        TokenizerException e = assertThrows(TokenizerException.class, () -> PreTokenizer.forName("tekken", file));
        assertTrue(e.getMessage().contains("'tekken'") && e.getMessage().contains("model.gguf"), e.getMessage());
    }
}
