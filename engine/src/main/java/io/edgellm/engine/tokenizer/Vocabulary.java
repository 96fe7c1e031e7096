package io.edgellm.engine.tokenizer;

import io.edgellm.engine.gguf.GGUFMetadata;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The token strings and types of a GGUF vocabulary, with the reverse lookup from text to id. Token
 * text is kept exactly as stored (SentencePiece's {@code ▁}, GPT-2's byte-level characters); how text
 * maps to bytes is the tokenizer model's business.
 */
final class Vocabulary {

    static final String TOKENS = "tokenizer.ggml.tokens";
    static final String TOKEN_TYPES = "tokenizer.ggml.token_type";

    private final Path source;
    private final String[] texts;
    private final TokenType[] types;
    private final Map<String, Integer> ids;
    private final int[] byteTokens = new int[256];

    private Vocabulary(Path source, String[] texts, TokenType[] types) {
        this.source = source;
        this.texts = texts;
        this.types = types;
        this.ids = HashMap.newHashMap(texts.length);
        for (int id = 0; id < texts.length; id++) {
            // A later duplicate wins, as in llama.cpp; empty strings can never be matched.
            if (!texts[id].isEmpty()) {
                ids.put(texts[id], id);
            }
        }
        for (int b = 0; b < 256; b++) {
            byteTokens[b] = id(byteTokenText(b));
        }
    }

    static Vocabulary fromMetadata(GGUFMetadata md) {
        String[] texts = md.getStringArray(TOKENS);
        if (texts.length == 0) {
            throw new TokenizerException(md.source(), "'" + TOKENS + "' is empty");
        }
        TokenType[] types = new TokenType[texts.length];
        if (md.containsKey(TOKEN_TYPES)) {
            int[] codes = md.getIntArray(TOKEN_TYPES);
            requireLength(md, TOKEN_TYPES, codes.length, texts.length);
            for (int id = 0; id < codes.length; id++) {
                types[id] = TokenType.fromCode(codes[id]);
                if (types[id] == null) {
                    throw new TokenizerException(md.source(), "'" + TOKEN_TYPES + "' gives token " + id
                            + " the unknown type " + codes[id] + " (expected 0..6)");
                }
            }
        } else {
            Arrays.fill(types, TokenType.NORMAL);
        }
        Vocabulary vocab = new Vocabulary(md.source(), texts, types);
        vocab.checkByteTokens();
        return vocab;
    }

    /** Fails unless a per-token array (scores, types) has one entry per token. */
    static void requireLength(GGUFMetadata md, String key, int actual, int tokens) {
        if (actual != tokens) {
            throw new TokenizerException(md.source(), "'" + key + "' has " + actual + " entries but '" + TOKENS
                    + "' has " + tokens);
        }
    }

    private void checkByteTokens() {
        for (int id = 0; id < texts.length; id++) {
            if (types[id] == TokenType.BYTE && byteValue(id) < 0) {
                throw error("token " + id + " is typed BYTE but its text '" + texts[id] + "' is not of the form <0xXX>");
            }
        }
    }

    static String byteTokenText(int b) {
        return String.format("<0x%02X>", b);
    }

    Path source() {
        return source;
    }

    int size() {
        return texts.length;
    }

    String text(int id) {
        return texts[checkId(id)];
    }

    TokenType type(int id) {
        return types[checkId(id)];
    }

    /** The id whose text is exactly {@code text}, or -1. */
    int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    /** The id of the {@code <0xXX>} token for byte {@code b} (0..255), or -1 when the vocabulary has none. */
    int byteToken(int b) {
        return byteTokens[b];
    }

    /** The byte a {@code <0xXX>} token stands for, or -1 when its text has another form. */
    int byteValue(int id) {
        String t = texts[id];
        if (t.length() != 6 || !t.startsWith("<0x") || t.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(t.charAt(3), 16);
        int lo = Character.digit(t.charAt(4), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    int checkId(int id) {
        if (id < 0 || id >= texts.length) {
            throw error("token id " + id + " is out of range (vocabulary has " + texts.length + " tokens)");
        }
        return id;
    }

    TokenizerException error(String problem) {
        return new TokenizerException(source, problem);
    }
}
