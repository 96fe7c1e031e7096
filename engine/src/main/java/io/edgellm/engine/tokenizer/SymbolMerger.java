package io.edgellm.engine.tokenizer;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The merge loop that SentencePiece-style and byte-level BPE tokenizers share: a word starts as one
 * symbol per code point, and the adjacent pair that ranks best (ties: the leftmost) is merged again
 * and again until no adjacent pair may merge. Candidate pairs wait in a priority queue and symbols form
 * a linked list, so a word of n code points costs O(n log n) rather than a rescan per merge.
 */
final class SymbolMerger {

    /** How two adjacent symbols {@code word[start, mid)} and {@code word[mid, end)} may merge. */
    @FunctionalInterface
    interface PairRanker {
        /** The pair's rank, lower merging first, or {@link Double#NaN} when the pair does not merge. */
        double rank(String word, int start, int mid, int end);
    }

    /** A queued pair, with both symbols' lengths when queued: a merge since then makes it stale. */
    private record Candidate(double rank, int left, int right, int leftLength, int rightLength) {
    }

    private static final Comparator<Candidate> ORDER =
            Comparator.comparingDouble(Candidate::rank).thenComparingInt(Candidate::left);

    private SymbolMerger() {
    }

    /**
     * Merges {@code word} and returns where its final symbols start, followed by {@code word.length()}:
     * symbol i is {@code word[bounds[i], bounds[i + 1])}.
     */
    static int[] merge(String word, PairRanker ranker) {
        int n = word.codePointCount(0, word.length());
        int[] start = new int[n];
        int[] length = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0, offset = 0; i < n; i++) {
            start[i] = offset;
            length[i] = Character.charCount(word.codePointAt(offset));
            offset += length[i];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Candidate> queue = new PriorityQueue<>(Math.max(1, n), ORDER);
        for (int i = 0; i + 1 < n; i++) {
            offer(queue, word, ranker, start, length, i, i + 1);
        }
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            if (length[c.left()] != c.leftLength() || length[c.right()] != c.rightLength()) {
                continue;
            }
            length[c.left()] += length[c.right()];
            length[c.right()] = 0;
            next[c.left()] = next[c.right()];
            if (next[c.left()] >= 0) {
                prev[next[c.left()]] = c.left();
            }
            offer(queue, word, ranker, start, length, prev[c.left()], c.left());
            offer(queue, word, ranker, start, length, c.left(), next[c.left()]);
        }
        int count = 0;
        for (int i = 0; i >= 0 && i < n; i = next[i]) {
            count++;
        }
        int[] bounds = new int[count + 1];
        int k = 0;
        for (int i = 0; i >= 0 && i < n; i = next[i]) {
            bounds[k++] = start[i];
        }
        bounds[count] = word.length();
        return bounds;
    }

    private static void offer(PriorityQueue<Candidate> queue, String word, PairRanker ranker, int[] start,
                              int[] length, int left, int right) {
        if (left < 0 || right < 0) {
            return;
        }
        int mid = start[right];
        double rank = ranker.rank(word, start[left], mid, mid + length[right]);
        if (!Double.isNaN(rank)) {
            queue.add(new Candidate(rank, left, right, length[left], length[right]));
        }
    }
}
