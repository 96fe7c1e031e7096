package io.edgellm.engine.tokenizer.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns documents into the word counts BPE trains on, seeing text exactly as llama.cpp's
 * SentencePiece tokenizer will: control tokens cut the text into fragments, each fragment
 * gets a leading space (add_space_prefix), spaces become {@value #SPACE}. Merges never cross
 * a word boundary: a word is an optional {@value #SPACE} followed by a run of letters, a run of
 * digits (or one digit when digits are split) or a run of other symbols; a run of
 * {@value #SPACE} alone, and each other whitespace character, are words of their own.
 */
final class TrainingText {

    /** U+2581, SentencePiece's visible space. */
    static final String SPACE = "\u2581";

    private static final Pattern WORDS = Pattern.compile("▁?\\p{L}+|▁?\\p{N}+|▁?[^\\p{L}\\p{N}▁\\s]+|▁+|\\s");
    private static final Pattern WORDS_SPLIT_DIGITS = Pattern.compile("▁?\\p{L}+|\\p{N}|▁?[^\\p{L}\\p{N}▁\\s]+|▁+|\\s");

    private TrainingText() {
    }

    /** The fragments of {@code document} between control tokens, each normalised as the tokenizer will see it. */
    static List<String> fragments(String document, List<String> controlTokens) {
        List<String> fragments = new ArrayList<>();
        int start = 0;
        while (start < document.length()) {
            int next = document.length();
            String found = null;
            for (String t : controlTokens) {
                int at = document.indexOf(t, start);
                if (at >= 0 && at < next) {
                    next = at;
                    found = t;
                }
            }
            if (next > start) {
                fragments.add(normalize(document.substring(start, next)));
            }
            start = found == null ? next : next + found.length();
        }
        return fragments;
    }

    static String normalize(String text) {
        return SPACE + text.replace(" ", SPACE);
    }

    /** Counts every word of a normalised fragment into {@code counts}. */
    static void countWords(String fragment, boolean splitDigits, Map<String, Long> counts) {
        Matcher m = (splitDigits ? WORDS_SPLIT_DIGITS : WORDS).matcher(fragment);
        while (m.find()) {
            counts.merge(m.group(), 1L, Long::sum);
        }
    }
}
