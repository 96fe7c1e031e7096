package io.edgellm.engine.tokenizer;

import io.edgellm.engine.gguf.GGUFMetadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE ({@code tokenizer.ggml.model = gpt2}): the text is cut into pre-tokens by the
 * {@link PreTokenizer} that {@code tokenizer.ggml.pre} names, each pre-token is spelled in the
 * {@link ByteUnicode} alphabet, and adjacent symbols merge by merge rank, lowest first. Pre-tokens
 * repeat a lot in real text, so their ids are cached.
 */
final class ByteLevelBpeModel implements TokenModel {

    static final String MERGES = "tokenizer.ggml.merges";
    static final String PRE = "tokenizer.ggml.pre";
    /** The cache is dropped when it grows past this many pre-tokens, which bounds its memory. */
    private static final int CACHE_LIMIT = 1 << 16;

    private final Vocabulary vocab;
    private final MergeTable merges;
    private final PreTokenizer preTokenizer;
    private final int unknown;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ByteLevelBpeModel(Vocabulary vocab, MergeTable merges, PreTokenizer preTokenizer, int unknown) {
        this.vocab = vocab;
        this.merges = merges;
        this.preTokenizer = preTokenizer;
        this.unknown = unknown;
    }

    /**
     * A file without {@code tokenizer.ggml.pre} (converted before llama.cpp wrote the key) gets llama.cpp's
     * "default" pre-tokenizer, with a warning: its tokens may differ from the model's own tokenizer.
     */
    static ByteLevelBpeModel fromMetadata(GGUFMetadata md, Vocabulary vocab, SpecialTokens specials) {
        if (!md.containsKey(PRE)) {
            System.getLogger(ByteLevelBpeModel.class.getName()).log(System.Logger.Level.WARNING,
                    "{0}: no ''{1}''; using the ''default'' pre-tokenizer, which may split text unlike the model''s own",
                    md.source(), PRE);
        }
        PreTokenizer pre = PreTokenizer.forName(md.findString(PRE).orElse("default"), md.source());
        return new ByteLevelBpeModel(vocab, MergeTable.fromMetadata(md, vocab), pre, specials.unknown());
    }

    /** llama.cpp starts Llama 3 input with BOS unless the file says otherwise; other byte-level vocabularies do not. */
    @Override
    public boolean addsBosByDefault() {
        return preTokenizer == PreTokenizer.LLAMA3;
    }

    @Override
    public void encode(String text, boolean afterSpecial, IntList out) {
        for (String preToken : preTokenizer.split(text)) {
            int[] ids = cache.get(preToken);
            if (ids == null) {
                ids = encodePreToken(ByteUnicode.encode(preToken));
                if (cache.size() >= CACHE_LIMIT) {
                    cache.clear();
                }
                cache.put(preToken, ids);
            }
            out.addAll(ids);
        }
    }

    private int[] encodePreToken(String word) {
        if (preTokenizer.ignoresMerges()) {
            int whole = vocab.id(word);
            if (whole >= 0) {
                return new int[] {whole};
            }
        }
        int[] bounds = SymbolMerger.merge(word, this::rank);
        int[] ids = new int[bounds.length - 1];
        for (int i = 0; i < ids.length; i++) {
            String symbol = word.substring(bounds[i], bounds[i + 1]);
            ids[i] = vocab.id(symbol);
            if (ids[i] < 0) {
                ids[i] = unknownFor(symbol);
            }
        }
        return ids;
    }

    private double rank(String word, int start, int mid, int end) {
        int left = vocab.id(word.substring(start, mid));
        int right = left < 0 ? -1 : vocab.id(word.substring(mid, end));
        int rank = right < 0 ? -1 : merges.rank(left, right);
        return rank < 0 ? Double.NaN : rank;
    }

    /** Merges only produce tokens, so a symbol without one is a single byte the vocabulary lacks. */
    private int unknownFor(String symbol) {
        if (unknown == SpecialTokens.NONE) {
            throw vocab.error(String.format("cannot encode byte 0x%02X: the vocabulary has no token '%s' and no '%s'",
                    ByteUnicode.byteOf(symbol.codePointAt(0)), symbol, SpecialTokens.UNKNOWN));
        }
        return unknown;
    }

    @Override
    public byte[] normalTokenBytes(String text) {
        return ByteUnicode.decode(text);
    }

    @Override
    public boolean addsSpacePrefix() {
        return false;
    }
}
