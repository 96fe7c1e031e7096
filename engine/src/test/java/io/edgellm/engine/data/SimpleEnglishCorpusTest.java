package io.edgellm.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimpleEnglishCorpusTest {

    private static final List<String> DOCS = new SimpleEnglishCorpus(3).documents(3000);

    @Test
    void deterministicPerDocument() {
        SimpleEnglishCorpus other = new SimpleEnglishCorpus(3);
        assertEquals(DOCS.get(1234), other.document(1234), "document i does not depend on the ones before it");
        assertEquals(DOCS.subList(0, 10), other.documents(10));
        assertNotEquals(DOCS.subList(0, 10), new SimpleEnglishCorpus(4).documents(10));
    }

    @Test
    void textOfAtLeastTheRequestedLength() {
        String text = new SimpleEnglishCorpus(3).text(20_000);
        assertTrue(text.length() >= 20_000 && text.length() < 21_000, "length " + text.length());
        assertTrue(text.startsWith(DOCS.get(0) + "\n\n" + DOCS.get(1)));
    }

    @Test
    void closedVocabularyOfAFewHundredWords() {
        Set<String> words = new HashSet<>();
        long chars = 0;
        for (String d : DOCS) {
            chars += d.length();
            for (String w : d.toLowerCase().split("[^a-z']+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        assertTrue(words.size() >= 300 && words.size() <= 2000, "vocabulary of " + words.size() + " words");
        long average = chars / DOCS.size();
        assertTrue(average > 150 && average < 800, "average document of " + average + " chars");
    }

    @Test
    void allFourKindsOfDocument() {
        Pattern dialogueLine = Pattern.compile("(?m)^[A-Z][a-z]+: [A-Z]");
        assertTrue(DOCS.stream().anyMatch(d -> d.startsWith("Once upon a time")), "stories");
        assertTrue(DOCS.stream().anyMatch(d -> d.startsWith("The ") && d.contains(" There are ")), "descriptions");
        assertTrue(DOCS.stream().anyMatch(d -> d.startsWith("Q: ") && d.contains("\nA: ")), "questions and answers");
        assertTrue(DOCS.stream().anyMatch(d -> d.lines().allMatch(l -> dialogueLine.matcher(l).lookingAt()) && !d.startsWith("Q:")), "dialogues");
    }

    /** Mechanical checks of the grammar: capitals, spacing, punctuation and articles. */
    @Test
    void textIsTidyEnglish() {
        Pattern badArticle = Pattern.compile("\\b(a [aeiou]|an [^aeiou])", Pattern.CASE_INSENSITIVE);
        for (String d : DOCS) {
            assertTrue(d.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "printable ASCII: " + d);
            assertFalse(d.contains("\n\n") || d.contains("  ") || d.contains(" .") || d.contains(" ,"), d);
            for (String line : d.split("\n")) {
                assertTrue(Character.isUpperCase(line.charAt(0)), "line starts with a capital: " + line);
                assertTrue(line.matches(".*[.!?\"]"), "line ends a sentence: " + line);
            }
            assertFalse(Pattern.compile("[.!?] [a-z]").matcher(d).find(), () -> "sentence starts with a capital: " + d);
            Matcher article = badArticle.matcher(d);
            assertFalse(article.find(), () -> "article '" + article.group() + "' in: " + d);
        }
    }
}
