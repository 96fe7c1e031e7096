package io.edgellm.engine.train;

/**
 * Memory a training run holds, counted from its arrays.
 *
 * @param parameterBytes    f32 parameter values on the heap, trainable or frozen
 * @param mappedWeightBytes frozen base matrices read in place from a mapped file, in their stored type
 * @param gradientBytes     gradients of the trainable parameters
 * @param optimizerBytes    optimizer state (AdamW's two moments)
 * @param activationBytes   activations kept for the backward pass and scratch buffers
 */
public record MemoryReport(long parameterBytes, long mappedWeightBytes, long gradientBytes, long optimizerBytes,
                           long activationBytes) {

    public long totalBytes() {
        return parameterBytes + mappedWeightBytes + gradientBytes + optimizerBytes + activationBytes;
    }

    /** Everything but the mapping, which the operating system pages in and out: what the heap must hold. */
    public long heapBytes() {
        return totalBytes() - mappedWeightBytes;
    }
}
