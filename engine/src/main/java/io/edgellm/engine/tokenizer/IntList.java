package io.edgellm.engine.tokenizer;

import java.util.Arrays;

/** A growable list of ints, so that encoding does not box every token id. */
public final class IntList {

    private int[] items = new int[16];
    private int size;

    public void add(int value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = value;
    }

    public void addAll(int[] values) {
        for (int v : values) {
            add(v);
        }
    }

    public int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
