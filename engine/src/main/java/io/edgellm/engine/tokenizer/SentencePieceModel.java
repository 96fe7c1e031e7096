package io.edgellm.engine.tokenizer;

import io.edgellm.engine.gguf.GGUFMetadata;
import java.nio.charset.StandardCharsets;

/**
 * llama.cpp's SentencePiece-style tokenizer ({@code tokenizer.ggml.model = llama}): spaces are written
 * {@code ▁}, optionally with one put in front of the text, and adjacent symbols merge while their
 * concatenation is a vocabulary entry, the entry with the highest score first. A character left
 * without a token is spelled with byte tokens {@code <0xXX>}, or becomes the unknown token when the
 * vocabulary has no byte tokens for it.
 */
final class SentencePieceModel implements TokenModel {

    static final String SCORES = "tokenizer.ggml.scores";
    static final String ADD_SPACE_PREFIX = "tokenizer.ggml.add_space_prefix";
    private static final char SPACE_MARK = '\u2581';

    private final Vocabulary vocab;
    private final float[] scores;
    private final boolean addSpacePrefix;
    private final int unknown;

    private SentencePieceModel(Vocabulary vocab, float[] scores, boolean addSpacePrefix, int unknown) {
        this.vocab = vocab;
        this.scores = scores;
        this.addSpacePrefix = addSpacePrefix;
        this.unknown = unknown;
    }

    static SentencePieceModel fromMetadata(GGUFMetadata md, Vocabulary vocab, SpecialTokens specials) {
        if (!md.containsKey(SCORES)) {
            throw new TokenizerException(md.source(), "a SentencePiece vocabulary needs '" + SCORES + "' to rank merges");
        }
        float[] scores = md.getFloatArray(SCORES);
        Vocabulary.requireLength(md, SCORES, scores.length, vocab.size());
        boolean addSpacePrefix = md.findBool(ADD_SPACE_PREFIX).orElse(true);
        return new SentencePieceModel(vocab, scores, addSpacePrefix, specials.unknown());
    }

    @Override
    public void encode(String text, boolean afterSpecial, IntList out) {
        String prefixed = addSpacePrefix && afterSpecial ? " " + text : text;
        String word = prefixed.replace(' ', SPACE_MARK);
        int[] bounds = SymbolMerger.merge(word, this::rank);
        for (int i = 0; i + 1 < bounds.length; i++) {
            String symbol = word.substring(bounds[i], bounds[i + 1]);
            int id = vocab.id(symbol);
            if (id >= 0) {
                out.add(id);
            } else {
                spellUnknown(symbol, out);
            }
        }
    }

    private double rank(String word, int start, int mid, int end) {
        int id = vocab.id(word.substring(start, end));
        return id < 0 ? Double.NaN : -scores[id];
    }

    /** A symbol that is no token is a lone character (merges only ever produce tokens). */
    private void spellUnknown(String symbol, IntList out) {
        symbol.codePoints().forEach(cp -> {
            byte[] utf8 = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[utf8.length];
            for (int i = 0; i < utf8.length; i++) {
                ids[i] = vocab.byteToken(utf8[i] & 0xFF);
                if (ids[i] < 0) {
                    out.add(unknownFor(cp));
                    return;
                }
            }
            out.addAll(ids);
        });
    }

    private int unknownFor(int codePoint) {
        if (unknown == SpecialTokens.NONE) {
            throw vocab.error(String.format("cannot encode U+%04X: no token, no byte tokens and no '%s'", codePoint,
                    SpecialTokens.UNKNOWN));
        }
        return unknown;
    }

    @Override
    public byte[] normalTokenBytes(String text) {
        return text.replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean addsBosByDefault() {
        return true;
    }

    @Override
    public boolean addsSpacePrefix() {
        return addSpacePrefix;
    }
}
