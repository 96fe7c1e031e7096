package io.edgellm.engine.tokenizer.training;

import io.edgellm.engine.tokenizer.TokenType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains a SentencePiece-style vocabulary with byte-pair encoding: start from the corpus's
 * characters, repeatedly merge the most frequent adjacent pair of pieces inside words into a
 * new piece, and give the n-th new piece the score −n. llama.cpp's SentencePiece tokenizer,
 * which merges the adjacent pair whose concatenation is the best-scoring piece, then replays
 * the merges in training order. Characters outside the alphabet (and newlines and other
 * control characters) fall back to byte tokens. Deterministic: ties between pairs of equal
 * count go to the pair whose left, then right, piece sorts first.
 */
public final class SentencePieceBpeTrainer {

    private final TokenizerTrainingConfig config;
    private final List<String> pieces = new ArrayList<>();
    private final Map<String, Integer> pieceIds = new HashMap<>();
    private final List<int[]> words = new ArrayList<>();
    private final List<Long> wordCounts = new ArrayList<>();
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> pairWords = new HashMap<>();

    private SentencePieceBpeTrainer(TokenizerTrainingConfig config) {
        this.config = config;
    }

    /**
     * @throws IllegalArgumentException if the corpus's characters alone do not fit in the vocabulary
     */
    public static TrainedVocabulary train(Iterable<String> documents, TokenizerTrainingConfig config) {
        return new SentencePieceBpeTrainer(config).run(documents);
    }

    private TrainedVocabulary run(Iterable<String> documents) {
        Map<String, Long> counts = new HashMap<>();
        for (String doc : documents) {
            for (String fragment : TrainingText.fragments(doc, config.controlTokens())) {
                TrainingText.countWords(fragment, config.splitDigits(), counts);
            }
        }
        List<String> alphabet = alphabet(counts);
        int reserved = TokenizerTrainingConfig.SPECIAL_TOKENS + TokenizerTrainingConfig.BYTE_TOKENS + config.controlTokens().size();
        int budget = config.vocabSize() - reserved - alphabet.size();
        if (budget < 0) {
            throw new IllegalArgumentException("the corpus has " + alphabet.size() + " distinct characters, more than the "
                    + (config.vocabSize() - reserved) + " places a vocabulary of " + config.vocabSize() + " leaves for them");
        }
        alphabet.forEach(this::piece);
        counts.keySet().stream().sorted().forEach(w -> addWord(w, counts.get(w)));
        List<String> merged = merge(budget, reservedTexts());
        return assemble(merged, alphabet);
    }

    /** Characters of the corpus, most frequent first; control characters are left to byte fallback. */
    private static List<String> alphabet(Map<String, Long> counts) {
        Map<Integer, Long> chars = new HashMap<>();
        counts.forEach((word, n) -> word.codePoints().filter(c -> c >= 0x20).forEach(c -> chars.merge(c, n, Long::sum)));
        return chars.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> Character.toString(e.getKey()))
                .toList();
    }

    private int piece(String text) {
        return pieceIds.computeIfAbsent(text, t -> {
            pieces.add(t);
            return pieces.size() - 1;
        });
    }

    /** Registers a word made of alphabet characters; words with a control character are not merged. */
    private void addWord(String word, long count) {
        int[] symbols = word.codePoints().map(c -> c < 0x20 ? -1 : pieceIds.get(Character.toString(c))).toArray();
        if (symbols.length < 2 || Arrays.stream(symbols).anyMatch(s -> s < 0)) {
            return;
        }
        words.add(symbols);
        wordCounts.add(count);
        countPairs(words.size() - 1, 1);
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /** Adds ({@code sign} = 1) or removes (−1) the pairs of word {@code w} from the counts. */
    private void countPairs(int w, int sign) {
        int[] s = words.get(w);
        long n = wordCounts.get(w) * sign;
        for (int i = 0; i + 1 < s.length; i++) {
            long p = pair(s[i], s[i + 1]);
            long c = pairCounts.merge(p, n, Long::sum);
            if (c <= 0) {
                pairCounts.remove(p);
            }
            if (sign > 0) {
                pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(w);
            }
        }
    }

    /** Runs merges until {@code budget} new pieces exist or no pair is frequent enough; returns the new pieces in order. */
    private List<String> merge(int budget, Set<String> reserved) {
        List<String> created = new ArrayList<>();
        Set<Long> blocked = new HashSet<>();
        Comparator<Long> better = Comparator.<Long>comparingLong(pairCounts::get).reversed()
                .thenComparing(p -> pieces.get((int) (p >>> 32)))
                .thenComparing(p -> pieces.get((int) (long) p));
        while (created.size() < budget) {
            Long best = null;
            for (Long p : pairCounts.keySet()) {
                if (pairCounts.get(p) >= config.minPairCount() && !blocked.contains(p) && (best == null || better.compare(p, best) < 0)) {
                    best = p;
                }
            }
            if (best == null) {
                break;
            }
            int left = (int) (best >>> 32);
            int right = (int) (long) best;
            String text = pieces.get(left) + pieces.get(right);
            if (reserved.contains(text)) {
                // A special token's text must stay unreachable from plain text.
                blocked.add(best);
                continue;
            }
            if (!pieceIds.containsKey(text)) {
                created.add(text);
            }
            apply(left, right, piece(text), best);
        }
        return created;
    }

    private void apply(int left, int right, int merged, long pair) {
        for (int w : pairWords.remove(pair)) {
            int[] s = words.get(w);
            countPairs(w, -1);
            int[] out = new int[s.length];
            int n = 0;
            for (int i = 0; i < s.length; i++) {
                if (i + 1 < s.length && s[i] == left && s[i + 1] == right) {
                    out[n++] = merged;
                    i++;
                } else {
                    out[n++] = s[i];
                }
            }
            words.set(w, Arrays.copyOf(out, n));
            countPairs(w, 1);
        }
    }

    private Set<String> reservedTexts() {
        Set<String> texts = new HashSet<>(List.of("<unk>", "<s>", "</s>", TrainedVocabulary.PAD));
        texts.addAll(config.controlTokens());
        for (int b = 0; b < 256; b++) {
            texts.add(byteToken(b));
        }
        return texts;
    }

    static String byteToken(int b) {
        return String.format("<0x%02X>", b);
    }

    /** Layout as in Llama's vocabulary: specials, bytes, merged pieces by rank, characters, then control tokens. */
    private TrainedVocabulary assemble(List<String> merged, List<String> alphabet) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<TokenType> types = new ArrayList<>(List.of(TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL));
        List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
        for (int b = 0; b < 256; b++) {
            tokens.add(byteToken(b));
            types.add(TokenType.BYTE);
            scores.add(0f);
        }
        for (int rank = 0; rank < merged.size(); rank++) {
            tokens.add(merged.get(rank));
            types.add(TokenType.NORMAL);
            scores.add(-(float) rank);
        }
        for (int i = 0; i < alphabet.size(); i++) {
            tokens.add(alphabet.get(i));
            types.add(TokenType.NORMAL);
            scores.add(-(float) (merged.size() + i));
        }
        List<String> controls = new ArrayList<>(List.of(TrainedVocabulary.PAD));
        controls.addAll(config.controlTokens());
        for (String c : controls) {
            tokens.add(c);
            types.add(TokenType.CONTROL);
            scores.add(0f);
        }
        float[] s = new float[scores.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
        }
        return new TrainedVocabulary(tokens, s, types.toArray(TokenType[]::new));
    }
}
