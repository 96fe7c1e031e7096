package io.edgellm.engine.tokenizer;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFValueType;
import io.edgellm.engine.gguf.GGUFWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small vocabularies and writes them as real GGUF files, so tests go through the same reader
 * as models do. Token arrays are written from the tokens added; {@link #put} and {@link #remove}
 * override any key afterwards, to make inconsistent files.
 */
final class TestVocab {

    private final List<String> texts = new ArrayList<>();
    private final List<Float> scores = new ArrayList<>();
    private final List<Integer> types = new ArrayList<>();
    private final List<String> merges = new ArrayList<>();
    private final Map<String, GGUFValue> overrides = new LinkedHashMap<>();
    private final List<String> removed = new ArrayList<>();
    private final String model;

    private TestVocab(String model) {
        this.model = model;
    }

    /** A SentencePiece-style vocabulary. */
    static TestVocab spm() {
        return new TestVocab("llama");
    }

    /** A byte-level BPE vocabulary whose first 256 tokens are the byte alphabet, in byte order. */
    static TestVocab bpe(String pre) {
        TestVocab v = new TestVocab("gpt2").put(ByteLevelBpeModel.PRE, GGUFValue.ofString(pre));
        for (int b = 0; b < 256; b++) {
            v.normal(String.valueOf(ByteUnicode.charOf(b)));
        }
        return v;
    }

    /** Adds a token and returns its id. */
    int add(String text, float score, TokenType type) {
        texts.add(text);
        scores.add(score);
        types.add(type.ordinal());
        return texts.size() - 1;
    }

    TestVocab token(String text, float score, TokenType type) {
        add(text, score, type);
        return this;
    }

    TestVocab normal(String text) {
        return token(text, 0f, TokenType.NORMAL);
    }

    /** The 256 tokens {@code <0x00>}..{@code <0xFF>}. */
    TestVocab byteTokens() {
        for (int b = 0; b < 256; b++) {
            token(Vocabulary.byteTokenText(b), 0f, TokenType.BYTE);
        }
        return this;
    }

    /** Adds BPE merges ("left right"), each with the next rank. */
    TestVocab merges(String... pairs) {
        merges.addAll(List.of(pairs));
        return this;
    }

    TestVocab put(String key, GGUFValue value) {
        overrides.put(key, value);
        return this;
    }

    TestVocab id(String key, int id) {
        return put(key, GGUFValue.ofUInt32(id));
    }

    TestVocab flag(String key, boolean value) {
        return put(key, GGUFValue.ofBool(value));
    }

    TestVocab remove(String key) {
        removed.add(key);
        return this;
    }

    /** Writes {@code dir/name} and reads its metadata back. */
    GGUFMetadata write(Path dir, String name) {
        GGUFWriter w = new GGUFWriter();
        w.putString("general.architecture", "llama");
        w.putString(Tokenizers.MODEL, model);
        w.put(Vocabulary.TOKENS, GGUFValue.ofStrings(texts.toArray(String[]::new)));
        float[] s = new float[scores.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
        }
        w.put(SentencePieceModel.SCORES, GGUFValue.ofFloats(s));
        w.put(Vocabulary.TOKEN_TYPES, GGUFValue.ofIntegers(GGUFValueType.INT32,
                types.stream().mapToLong(Integer::longValue).toArray()));
        if (model.equals("gpt2")) {
            w.put(ByteLevelBpeModel.MERGES, GGUFValue.ofStrings(merges.toArray(String[]::new)));
        }
        overrides.forEach(w::put);
        removed.forEach(w::remove);
        Path file = dir.resolve(name);
        try {
            w.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (GGUFFile f = GGUFFile.open(file)) {
            return f.metadata();
        }
    }

    Tokenizer tokenizer(Path dir) {
        return Tokenizers.fromMetadata(write(dir, "vocab.gguf"));
    }
}
