package io.edgellm.engine.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts input text at the text of special tokens before the model sees it, as llama.cpp does:
 * user-defined tokens always, control and unknown tokens only when special parsing is asked for.
 * Longer token texts claim their occurrences first, so {@code <|reserved_special_token_10|>} is never
 * read as {@code <|reserved_special_token_1|>} followed by text.
 */
final class SpecialTextSplitter {

    /** A run of ordinary text ({@code token} = -1) or one special token. */
    record Fragment(String text, int token) {
        boolean isToken() {
            return token >= 0;
        }
    }

    private record Marker(String text, int id, boolean alwaysParsed) {
    }

    private final List<Marker> markers = new ArrayList<>();

    SpecialTextSplitter(Vocabulary vocab) {
        for (int id = 0; id < vocab.size(); id++) {
            TokenType type = vocab.type(id);
            if (type.isSpecialText() && !vocab.text(id).isEmpty()) {
                markers.add(new Marker(vocab.text(id), id, type == TokenType.USER_DEFINED));
            }
        }
        markers.sort(Comparator.comparingInt((Marker m) -> -m.text().length()).thenComparingInt(Marker::id));
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        List<Fragment> fragments = new ArrayList<>();
        if (!text.isEmpty()) {
            fragments.add(new Fragment(text, -1));
        }
        for (Marker marker : markers) {
            if (!parseSpecial && !marker.alwaysParsed()) {
                continue;
            }
            List<Fragment> next = new ArrayList<>(fragments.size() + 2);
            for (Fragment f : fragments) {
                if (f.isToken()) {
                    next.add(f);
                } else {
                    splitAt(f.text(), marker, next);
                }
            }
            fragments = next;
        }
        return fragments;
    }

    private static void splitAt(String text, Marker marker, List<Fragment> out) {
        int from = 0;
        for (int at = text.indexOf(marker.text()); at >= 0; at = text.indexOf(marker.text(), from)) {
            if (at > from) {
                out.add(new Fragment(text.substring(from, at), -1));
            }
            out.add(new Fragment(marker.text(), marker.id()));
            from = at + marker.text().length();
        }
        if (from < text.length()) {
            out.add(new Fragment(from == 0 ? text : text.substring(from), -1));
        }
    }
}
