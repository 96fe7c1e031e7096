package io.edgellm.engine.tokenizer;

import java.io.ByteArrayOutputStream;

/**
 * Turns ids back into bytes under the rules that {@link Tokenizer#decode} and {@link StreamingDecoder}
 * share. Control, unknown and unused tokens are left out unless special tokens are rendered, in which
 * case their text is written; user-defined tokens always write their text. With a space prefix
 * (SentencePiece), encoding puts a space before text that starts the input or follows a special
 * token, so decoding drops one space there: at the start and after each control, user-defined or
 * unknown token, whether rendered or not.
 */
final class PieceWriter {

    private final Tokenizer tokenizer;
    private final boolean renderSpecial;
    private boolean dropSpace;

    PieceWriter(Tokenizer tokenizer, boolean renderSpecial) {
        this.tokenizer = tokenizer;
        this.renderSpecial = renderSpecial;
        this.dropSpace = tokenizer.addsSpacePrefix();
    }

    void write(int id, ByteArrayOutputStream out) {
        TokenType type = tokenizer.tokenType(id);
        if (type.isSpecialText()) {
            if (renderSpecial || !type.isHiddenByDefault()) {
                out.writeBytes(tokenizer.tokenBytes(id));
            }
            dropSpace = tokenizer.addsSpacePrefix();
        } else if (renderSpecial || !type.isHiddenByDefault()) {
            byte[] bytes = tokenizer.tokenBytes(id);
            int from = dropSpace && bytes.length > 0 && bytes[0] == ' ' ? 1 : 0;
            out.write(bytes, from, bytes.length - from);
            dropSpace &= bytes.length == 0;
        }
    }
}
