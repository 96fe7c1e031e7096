package io.edgellm.engine.tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regex pre-tokenizers of byte-level BPE vocabularies, named by {@code tokenizer.ggml.pre} and
 * spelled as llama.cpp spells them. A pre-tokenizer is a list of patterns applied one after the other:
 * each splits every piece left by the previous one into its matches and the text between them (that
 * text is kept as a piece of its own), and no pattern sees across a piece's edges, so lookaheads stop
 * at them. Patterns run with {@link Pattern#UNICODE_CHARACTER_CLASS} so that {@code \s} is Unicode
 * White_Space, as in llama.cpp and Hugging Face tokenizers.
 */
enum PreTokenizer {

    /** llama.cpp's fallback for files without a known name. */
    DEFAULT(false, List.of("default"),
            "[\\p{P}\\$\\+<=>\\^~\\|]+", Patterns.GPT2, "\\p{N}+", "[0-9][0-9][0-9]"),
    GPT2(false, List.of("gpt-2", "gpt2"), Patterns.GPT2),
    /** Llama 3: digits in groups of up to three; whole words found in the vocabulary skip the merges. */
    LLAMA3(true, List.of("llama-bpe", "llama3", "llama-v3"), Patterns.llama3Style("\\p{N}{1,3}")),
    /** Qwen2 and Qwen2.5: like Llama 3 but one digit at a time. */
    QWEN2(false, List.of("qwen2", "deepseek-r1-qwen"), Patterns.llama3Style("\\p{N}")),
    /** SmolLM and SmolLM2: every digit apart, then GPT-2's pattern. */
    SMOLLM(false, List.of("smollm"), "\\p{N}", Patterns.GPT2);

    private final boolean ignoreMerges;
    private final List<String> names;
    private final List<Pattern> patterns;

    PreTokenizer(boolean ignoreMerges, List<String> names, String... patterns) {
        this.ignoreMerges = ignoreMerges;
        this.names = names;
        this.patterns = Arrays.stream(patterns).map(p -> Pattern.compile(p, Pattern.UNICODE_CHARACTER_CLASS)).toList();
    }

    /** The pre-tokenizer a {@code tokenizer.ggml.pre} value names; {@code source} is for the error message. */
    static PreTokenizer forName(String name, Path source) {
        for (PreTokenizer p : values()) {
            if (p.names.contains(name)) {
                return p;
            }
        }
        throw new TokenizerException(source, "unsupported pre-tokenizer '" + name + "' in '" + ByteLevelBpeModel.PRE
                + "' (supported: " + Arrays.stream(values()).flatMap(p -> p.names.stream()).toList() + ")");
    }

    /**
     * Whether a pre-token that is itself in the vocabulary becomes that token without merging (Hugging
     * Face's {@code ignore_merges}, set in Llama 3's tokenizer).
     */
    boolean ignoresMerges() {
        return ignoreMerges;
    }

    List<String> split(String text) {
        List<String> pieces = List.of(text);
        for (Pattern pattern : patterns) {
            List<String> next = new ArrayList<>(pieces.size() * 2);
            for (String piece : pieces) {
                splitPiece(pattern.matcher(piece), piece, next);
            }
            pieces = next;
        }
        return pieces;
    }

    private static void splitPiece(Matcher m, String piece, List<String> out) {
        int end = 0;
        while (m.find()) {
            if (m.start() > end) {
                out.add(piece.substring(end, m.start()));
            }
            if (m.end() > m.start()) {
                out.add(piece.substring(m.start(), m.end()));
            }
            end = m.end();
        }
        if (end < piece.length()) {
            out.add(piece.substring(end));
        }
    }

    /** Pattern texts shared by several pre-tokenizers (an enum cannot refer to its own constants in its constructor calls). */
    private static final class Patterns {

        static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";

        /**
         * Llama 3's pattern with its digit rule in place; the contractions are spelled letter by letter
         * instead of the original {@code (?i:...)} so that case folding cannot reach other characters.
         */
        static String llama3Style(String digits) {
            return "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|" + digits
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
        }

        private Patterns() {
        }
    }
}
