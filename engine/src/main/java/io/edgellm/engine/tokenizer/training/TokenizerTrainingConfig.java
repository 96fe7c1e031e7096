package io.edgellm.engine.tokenizer.training;

import io.edgellm.engine.tokenizer.ChatTemplates;
import java.util.List;

/**
 * Settings of {@link SentencePieceBpeTrainer}.
 *
 * @param vocabSize total number of tokens wanted, special and byte tokens included (fewer
 *     result if the corpus runs out of pairs to merge)
 * @param controlTokens extra control tokens (chat markers) appended to the vocabulary; text
 *     between them is trained on, the markers themselves never
 * @param splitDigits keep every digit a token of its own, as Llama does, so that numbers are
 *     read digit by digit (this helps small models compare numbers)
 * @param minPairCount stop merging when the most frequent pair occurs fewer times than this
 */
public record TokenizerTrainingConfig(int vocabSize, List<String> controlTokens, boolean splitDigits, int minPairCount) {

    /** {@code <unk>}, {@code <s>}, {@code </s>}, {@code <pad>}. */
    static final int SPECIAL_TOKENS = 4;
    static final int BYTE_TOKENS = 256;

    public TokenizerTrainingConfig {
        controlTokens = List.copyOf(controlTokens);
        int reserved = SPECIAL_TOKENS + BYTE_TOKENS + controlTokens.size();
        if (vocabSize <= reserved) {
            throw new IllegalArgumentException("vocabulary of " + vocabSize + " tokens leaves no room beside the " + reserved
                    + " special, byte and control tokens");
        }
        if (minPairCount < 1) {
            throw new IllegalArgumentException("minPairCount must be at least 1, got " + minPairCount);
        }
        for (String t : controlTokens) {
            if (t.isEmpty() || controlTokens.indexOf(t) != controlTokens.lastIndexOf(t)) {
                throw new IllegalArgumentException("control tokens must be non-empty and distinct: " + controlTokens);
            }
            if (List.of("<unk>", "<s>", "</s>", "<pad>").contains(t) || t.matches("<0x[0-9A-F]{2}>")) {
                throw new IllegalArgumentException("'" + t + "' is already a token of every vocabulary");
            }
        }
    }

    /** {@code vocabSize} tokens with ChatML's markers as control tokens, digits split, pairs seen at least twice. */
    public static TokenizerTrainingConfig withVocabSize(int vocabSize) {
        return new TokenizerTrainingConfig(vocabSize, ChatTemplates.CHATML_MARKERS, true, 2);
    }
}
