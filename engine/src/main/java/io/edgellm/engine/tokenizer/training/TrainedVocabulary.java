package io.edgellm.engine.tokenizer.training;

import io.edgellm.engine.tokenizer.TokenType;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFValueType;
import io.edgellm.engine.gguf.GGUFWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SentencePiece-style vocabulary ({@code tokenizer.ggml.model = llama}): pieces with
 * {@code ▁} for spaces, scores such that merging the adjacent pair of highest score reproduces
 * the training merges (a merged piece scores minus its merge rank), {@code <unk>}, {@code <s>},
 * {@code </s>}, 256 byte-fallback tokens {@code <0xXX>} and control tokens.
 */
public final class TrainedVocabulary {

    public static final int UNKNOWN_ID = 0;
    public static final int BOS_ID = 1;
    public static final int EOS_ID = 2;
    public static final String PAD = "<pad>";

    private final List<String> tokens;
    private final float[] scores;
    private final TokenType[] types;
    private final Map<String, Integer> ids = new HashMap<>();

    TrainedVocabulary(List<String> tokens, float[] scores, TokenType[] types) {
        if (tokens.size() != scores.length || tokens.size() != types.length) {
            throw new IllegalArgumentException("tokens, scores and types differ in length");
        }
        this.tokens = List.copyOf(tokens);
        this.scores = scores.clone();
        this.types = types.clone();
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("token '" + tokens.get(i) + "' appears twice");
            }
        }
    }

    public int size() {
        return tokens.size();
    }

    public List<String> tokens() {
        return tokens;
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public float score(int id) {
        return scores[id];
    }

    public TokenType type(int id) {
        return types[id];
    }

    public Optional<Integer> id(String token) {
        return Optional.ofNullable(ids.get(token));
    }

    public int padId() {
        return ids.get(PAD);
    }

    /** The {@code tokenizer.*} keys llama.cpp reads for a SentencePiece vocabulary, in a fixed order. */
    public Map<String, GGUFValue> metadata() {
        long[] typeIds = Arrays.stream(types).mapToLong(TokenType::code).toArray();
        Map<String, GGUFValue> md = new LinkedHashMap<>();
        md.put("tokenizer.ggml.model", GGUFValue.ofString("llama"));
        md.put("tokenizer.ggml.tokens", GGUFValue.ofStrings(tokens.toArray(String[]::new)));
        md.put("tokenizer.ggml.scores", GGUFValue.ofFloats(scores.clone()));
        md.put("tokenizer.ggml.token_type", GGUFValue.ofIntegers(GGUFValueType.INT32, typeIds));
        md.put("tokenizer.ggml.bos_token_id", GGUFValue.ofUInt32(BOS_ID));
        md.put("tokenizer.ggml.eos_token_id", GGUFValue.ofUInt32(EOS_ID));
        md.put("tokenizer.ggml.unknown_token_id", GGUFValue.ofUInt32(UNKNOWN_ID));
        md.put("tokenizer.ggml.padding_token_id", GGUFValue.ofUInt32(padId()));
        md.put("tokenizer.ggml.add_bos_token", GGUFValue.ofBool(true));
        md.put("tokenizer.ggml.add_eos_token", GGUFValue.ofBool(false));
        md.put("tokenizer.ggml.add_space_prefix", GGUFValue.ofBool(true));
        return md;
    }

    /** Puts the {@link #metadata()} keys. */
    public void writeTo(GGUFWriter writer) {
        metadata().forEach(writer::put);
    }
}
