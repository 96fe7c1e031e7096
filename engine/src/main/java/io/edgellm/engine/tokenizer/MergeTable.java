package io.edgellm.engine.tokenizer;

import io.edgellm.engine.gguf.GGUFMetadata;
import java.util.Arrays;

/**
 * The ranks of a byte-level BPE vocabulary's merges, keyed by the ids of the two tokens merged. An
 * open-addressing table of primitive longs: a few hundred thousand merges take a few megabytes instead
 * of tens in boxed maps.
 */
final class MergeTable {

    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] ranks;
    private final int mask;

    private MergeTable(int entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries) * 2 - 1) << 1;
        keys = new long[capacity];
        ranks = new int[capacity];
        mask = capacity - 1;
        Arrays.fill(keys, EMPTY);
    }

    /**
     * Reads {@code tokenizer.ggml.merges}: entry i is "left right" with rank i. Each side and their
     * concatenation must be tokens; a repeated pair keeps its first (best) rank.
     */
    static MergeTable fromMetadata(GGUFMetadata md, Vocabulary vocab) {
        String key = ByteLevelBpeModel.MERGES;
        if (!md.containsKey(key)) {
            throw new TokenizerException(md.source(), "a byte-level BPE vocabulary needs '" + key + "'");
        }
        String[] merges = md.getStringArray(key);
        MergeTable table = new MergeTable(merges.length);
        for (int rank = 0; rank < merges.length; rank++) {
            String merge = merges[rank];
            // Search from 1 so that a left side that is itself a space is still read whole.
            int space = merge.indexOf(' ', 1);
            if (space < 0) {
                throw vocab.error("'" + key + "' entry " + rank + " '" + merge + "' is not two tokens separated by a space");
            }
            String left = merge.substring(0, space);
            String right = merge.substring(space + 1);
            int leftId = knownToken(vocab, key, rank, left);
            int rightId = knownToken(vocab, key, rank, right);
            knownToken(vocab, key, rank, left + right);
            table.putIfAbsent(leftId, rightId, rank);
        }
        return table;
    }

    private static int knownToken(Vocabulary vocab, String key, int rank, String piece) {
        int id = vocab.id(piece);
        if (id < 0) {
            throw vocab.error("'" + key + "' entry " + rank + " refers to '" + piece + "', which is not a token");
        }
        return id;
    }

    /** The rank of merging token {@code left} with token {@code right}, or -1 when they do not merge. */
    int rank(int left, int right) {
        long key = key(left, right);
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return ranks[slot];
            }
            if (keys[slot] == EMPTY) {
                return -1;
            }
        }
    }

    private void putIfAbsent(int left, int right, int rank) {
        long key = key(left, right);
        int slot = slot(key);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        ranks[slot] = rank;
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFF_FFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
