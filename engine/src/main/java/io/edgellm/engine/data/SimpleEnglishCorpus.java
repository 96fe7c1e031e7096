package io.edgellm.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A general simple-English corpus for pre-training a tiny model: stories, descriptions, facts
 * and dialogues generated from small grammars over a closed vocabulary of a few hundred words,
 * so that a model of a few million parameters can reach a low perplexity. Document {@code i}
 * depends only on the seed and {@code i}, so any range of documents can be produced alone.
 */
public final class SimpleEnglishCorpus {

    private final long seed;

    public SimpleEnglishCorpus(long seed) {
        this.seed = seed;
    }

    /** Document number {@code index} (0-based). */
    public String document(long index) {
        Random r = Draw.forItem(seed, index);
        return switch (r.nextInt(10)) {
            case 0, 1, 2, 3 -> StoryWriter.write(r);
            case 4, 5 -> DescriptionWriter.write(r);
            case 6, 7 -> FactWriter.write(r);
            default -> DialogueWriter.write(r);
        };
    }

    /** Documents 0 to {@code count - 1}. */
    public List<String> documents(int count) {
        List<String> docs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            docs.add(document(i));
        }
        return docs;
    }

    /** The first documents, joined by blank lines, until the text has at least {@code minChars} characters. */
    public String text(int minChars) {
        StringBuilder sb = new StringBuilder();
        for (long i = 0; sb.length() < minChars; i++) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append(document(i));
        }
        return sb.toString();
    }
}
