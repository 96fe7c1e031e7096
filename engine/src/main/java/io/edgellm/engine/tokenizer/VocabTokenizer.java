package io.edgellm.engine.tokenizer;

import java.nio.charset.StandardCharsets;

/** A tokenizer over a GGUF vocabulary: special-token handling and BOS/EOS around a {@link TokenModel}. */
final class VocabTokenizer implements Tokenizer {

    private final Vocabulary vocab;
    private final TokenModel model;
    private final SpecialTokens specials;
    private final boolean addBos;
    private final boolean addEos;
    private final SpecialTextSplitter splitter;
    private final byte[][] bytes;

    VocabTokenizer(Vocabulary vocab, TokenModel model, SpecialTokens specials, boolean addBos, boolean addEos) {
        this.vocab = vocab;
        this.model = model;
        this.specials = specials;
        this.addBos = addBos;
        this.addEos = addEos;
        this.splitter = new SpecialTextSplitter(vocab);
        this.bytes = new byte[vocab.size()][];
        for (int id = 0; id < bytes.length; id++) {
            bytes[id] = switch (vocab.type(id)) {
                case NORMAL, UNDEFINED -> model.normalTokenBytes(vocab.text(id));
                case BYTE -> new byte[] {(byte) vocab.byteValue(id)};
                default -> vocab.text(id).getBytes(StandardCharsets.UTF_8);
            };
        }
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        IntList out = new IntList();
        if (addSpecial && addBos) {
            out.add(specials.bos());
        }
        boolean afterSpecial = true;
        for (SpecialTextSplitter.Fragment f : splitter.split(text, parseSpecial)) {
            if (f.isToken()) {
                out.add(f.token());
                afterSpecial = true;
            } else {
                model.encode(f.text(), afterSpecial, out);
                afterSpecial = false;
            }
        }
        if (addSpecial && addEos) {
            out.add(specials.eos());
        }
        return out.toArray();
    }

    @Override
    public byte[] tokenBytes(int id) {
        return bytes[vocab.checkId(id)].clone();
    }

    @Override
    public String tokenText(int id) {
        return vocab.text(id);
    }

    @Override
    public TokenType tokenType(int id) {
        return vocab.type(id);
    }

    @Override
    public int tokenId(String text) {
        return vocab.id(text);
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    @Override
    public SpecialTokens specials() {
        return specials;
    }

    @Override
    public boolean addsBos() {
        return addBos;
    }

    @Override
    public boolean addsEos() {
        return addEos;
    }

    @Override
    public boolean addsSpacePrefix() {
        return model.addsSpacePrefix();
    }
}
