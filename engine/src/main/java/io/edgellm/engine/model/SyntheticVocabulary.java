package io.edgellm.engine.model;

import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFValueType;
import io.edgellm.engine.gguf.GGUFWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A SentencePiece-style vocabulary ({@code tokenizer.ggml.model = llama}) of any size from
 * {@link SyntheticSpec#MIN_VOCAB} up: {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte-fallback
 * tokens {@code <0x00>..<0xFF>}, the word-start marker {@code ▁}, then pieces over letters, digits
 * and punctuation in order of length, each with and without {@code ▁} in front. Every piece's prefix is also a
 * piece, so a SentencePiece merge can reach it, and any text still tokenizes through the bytes.
 */
final class SyntheticVocabulary {

    static final int UNKNOWN = 0;
    static final int BOS = 1;
    static final int EOS = 2;
    /** Id of the first piece after the specials and byte tokens. */
    static final int FIRST_PIECE = 3 + 256;
    /** llama.cpp's token types. */
    static final int NORMAL = 1;
    static final int UNKNOWN_TYPE = 2;
    static final int CONTROL = 3;
    static final int BYTE = 6;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-";
    private static final String WORD_START = "\u2581";

    private SyntheticVocabulary() {
    }

    static void addTo(GGUFWriter writer, int size) {
        String[] tokens = new String[size];
        float[] scores = new float[size];
        long[] types = new long[size];
        tokens[UNKNOWN] = "<unk>";
        tokens[BOS] = "<s>";
        tokens[EOS] = "</s>";
        types[UNKNOWN] = UNKNOWN_TYPE;
        types[BOS] = CONTROL;
        types[EOS] = CONTROL;
        for (int b = 0; b < 256; b++) {
            tokens[3 + b] = String.format("<0x%02X>", b);
            types[3 + b] = BYTE;
        }
        int next = add(tokens, scores, types, FIRST_PIECE, WORD_START);
        List<String> previousLength = List.of("");
        while (next < size) {
            List<String> current = new ArrayList<>();
            for (String prefix : previousLength) {
                for (int c = 0; c < ALPHABET.length() && next < size; c++) {
                    String piece = prefix + ALPHABET.charAt(c);
                    current.add(piece);
                    next = add(tokens, scores, types, next, WORD_START + piece);
                    if (next < size) {
                        next = add(tokens, scores, types, next, piece);
                    }
                }
            }
            previousLength = current;
        }
        writer.putString("tokenizer.ggml.model", "llama");
        writer.put("tokenizer.ggml.tokens", GGUFValue.ofStrings(tokens));
        writer.put("tokenizer.ggml.scores", GGUFValue.ofFloats(scores));
        writer.put("tokenizer.ggml.token_type", GGUFValue.ofIntegers(GGUFValueType.INT32, types));
        writer.putUInt32("tokenizer.ggml.bos_token_id", BOS);
        writer.putUInt32("tokenizer.ggml.eos_token_id", EOS);
        writer.putUInt32("tokenizer.ggml.unknown_token_id", UNKNOWN);
        writer.putBool("tokenizer.ggml.add_bos_token", true);
        writer.putBool("tokenizer.ggml.add_eos_token", false);
    }

    /** Shorter pieces score higher, so SentencePiece merges them first. */
    private static int add(String[] tokens, float[] scores, long[] types, int id, String piece) {
        tokens[id] = piece;
        scores[id] = -(id - FIRST_PIECE);
        types[id] = NORMAL;
        return id + 1;
    }
}
