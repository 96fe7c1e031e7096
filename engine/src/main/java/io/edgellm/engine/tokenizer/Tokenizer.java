package io.edgellm.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text to token ids and back, for one model's vocabulary. Implementations are immutable and safe to
 * share between threads; build one with {@link Tokenizers#fromMetadata}.
 *
 * <p>Special tokens: {@code encode} with {@code parseSpecial} reads the text of control tokens (such
 * as {@code <|begin_of_text|>} or {@code <|im_start|>}) in the input as those tokens; without it that
 * text is tokenized like any other. User-defined tokens are read as themselves either way, as in
 * llama.cpp. {@code decode} leaves control, unknown and unused tokens out unless asked to render them.
 */
public interface Tokenizer {

    /**
     * The ids of {@code text}.
     *
     * @param addSpecial   put BOS first and EOS last where the vocabulary's metadata asks for them
     * @param parseSpecial read control-token text in {@code text} as those tokens (on for chat prompts)
     * @throws TokenizerException if the vocabulary has no way to spell some character
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /** The text of {@code ids} with control, unknown and unused tokens left out. */
    default String decode(int[] ids) {
        return decode(ids, false);
    }

    /**
     * The text of {@code ids}; bytes that are not valid UTF-8 become U+FFFD. With a space prefix
     * ({@link #addsSpacePrefix()}) one leading space is dropped at the start and after each special
     * token, undoing the one that encoding added, so {@code decode(encode(s, false, false))} is {@code s}.
     *
     * @param renderSpecial write the text of control, unknown and unused tokens instead of leaving them out
     * @throws TokenizerException if an id is out of range
     */
    default String decode(int[] ids, boolean renderSpecial) {
        PieceWriter writer = new PieceWriter(this, renderSpecial);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            writer.write(id, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A decoder for ids that arrive one at a time, which returns only whole characters. */
    default StreamingDecoder streamingDecoder(boolean renderSpecial) {
        return new StreamingDecoder(this, renderSpecial);
    }

    /**
     * The bytes token {@code id} stands for: a normal token's text with its vocabulary's spelling undone,
     * a byte token's byte, and any other token's text as UTF-8. A fresh copy.
     */
    byte[] tokenBytes(int id);

    /** The token's string exactly as the vocabulary stores it (e.g. {@code ▁Hello}, {@code ĠHello}, {@code <0x0A>}). */
    String tokenText(int id);

    TokenType tokenType(int id);

    /** The id of the token whose stored string is exactly {@code text}, or -1. */
    int tokenId(String text);

    int vocabSize();

    SpecialTokens specials();

    /** Whether generating {@code id} ends the model's turn (EOS, EOT, or a chat format's end-of-turn token). */
    default boolean isEndOfGeneration(int id) {
        return specials().endOfGeneration().contains(id);
    }

    /** Whether {@code encode(text, true, ...)} starts with BOS. */
    boolean addsBos();

    /** Whether {@code encode(text, true, ...)} ends with EOS. */
    boolean addsEos();

    /** Whether encoding puts a space before text at the start and after special tokens (SentencePiece). */
    boolean addsSpacePrefix();
}
