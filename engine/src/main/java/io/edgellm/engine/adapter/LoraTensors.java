package io.edgellm.engine.adapter;

import io.edgellm.engine.train.TargetModule;

/**
 * The low-rank factors of one adapted projection, {@code ΔW = scale · B·A}: {@code a} is
 * {@code rank × in} (PEFT's {@code lora_A}), {@code b} is {@code out × rank} ({@code lora_B}), both
 * row-major, with the rows of {@code b} in the base model's GGUF order (see {@link QkPermutation}).
 */
public record LoraTensors(int block, TargetModule module, int rank, int in, int out, float[] a, float[] b) {

    public LoraTensors {
        if (block < 0 || rank < 1 || in < 1 || out < 1) {
            throw new IllegalArgumentException("LoRA factors of block " + block + " " + module + " need a rank and sizes of at"
                    + " least 1, got rank " + rank + ", " + out + "x" + in);
        }
        if (a.length != (long) rank * in || b.length != (long) out * rank) {
            throw new IllegalArgumentException("LoRA factors of block " + block + " " + module.shortName() + ": lora_A has "
                    + a.length + " values for " + rank + "x" + in + ", lora_B " + b.length + " for " + out + "x" + rank);
        }
    }

    /** The GGUF name of the base weight, {@code blk.3.attn_q.weight}. */
    public String baseTensor() {
        return "blk." + block + "." + module.ggufName() + ".weight";
    }

    /** Adds {@code scale ×} row {@code row} of {@code B·A} to {@code target}. */
    public void addDeltaRow(int row, float scale, float[] target) {
        for (int r = 0; r < rank; r++) {
            float w = scale * b[row * rank + r];
            int base = r * in;
            for (int i = 0; i < in; i++) {
                target[i] += w * a[base + i];
            }
        }
    }
}
