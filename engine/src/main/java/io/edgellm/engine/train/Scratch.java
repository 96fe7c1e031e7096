package io.edgellm.engine.train;

import java.util.EnumMap;
import java.util.Map;

/**
 * Buffers that live only within one op of a pass (gradients flowing down, temporary products),
 * shared by all blocks and grown to the largest size asked for.
 */
final class Scratch {

    enum Slot {
        /** Output of a projection before it joins the residual stream. */
        PROJECTED,
        /** Gradient of the residual stream, flowing down through the blocks. */
        RESIDUAL_GRADIENT,
        NORM_GRADIENT,
        QUERY_GRADIENT,
        KEY_GRADIENT,
        VALUE_GRADIENT,
        ATTENTION_GRADIENT,
        /** Per-task transposed keys or values and score squares of attention. */
        ATTENTION_WORK,
        HIDDEN_GRADIENT,
        GATE_GRADIENT,
        UP_GRADIENT,
        LORA_INPUT,
        LORA_LOW_RANK,
        LORA_LOW_RANK_GRADIENT,
        LORA_INPUT_GRADIENT,
        ADAPTER_GRADIENT
    }

    private final Map<Slot, float[]> arrays = new EnumMap<>(Slot.class);

    /** At least {@code size} floats; contents are left from earlier use. */
    float[] get(Slot slot, int size) {
        float[] a = arrays.get(slot);
        if (a == null || a.length < size) {
            a = new float[size];
            arrays.put(slot, a);
        }
        return a;
    }

    long bytes() {
        long total = 0;
        for (float[] a : arrays.values()) {
            total += (long) a.length * Float.BYTES;
        }
        return total;
    }
}
