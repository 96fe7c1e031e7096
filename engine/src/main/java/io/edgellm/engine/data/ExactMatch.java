package io.edgellm.engine.data;

import java.util.regex.Pattern;

/**
 * Exact-match comparison up to whitespace: leading and trailing whitespace is dropped and
 * every run of whitespace inside counts as one space, so a model is not failed for emitting
 * a newline where the reference has a space, or a trailing newline before it stops.
 */
public final class ExactMatch {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ExactMatch() {
    }

    public static String normalize(String s) {
        return WHITESPACE.matcher(s.strip()).replaceAll(" ");
    }

    public static boolean matches(String expected, String actual) {
        return normalize(expected).equals(normalize(actual));
    }
}
