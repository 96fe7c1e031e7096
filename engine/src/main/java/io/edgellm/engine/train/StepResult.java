package io.edgellm.engine.train;

/**
 * One optimizer step.
 *
 * @param step         the step's index, from 0
 * @param loss         mean training loss per target over the step's micro-batches (label-smoothed if configured)
 * @param tokens       input tokens processed, ignored positions included
 * @param gradientNorm global gradient norm before clipping
 * @param learningRate the rate the update used
 * @param flops        floating-point operations of the matrix products and attention, as run
 * @param seconds      wall time of the step
 */
public record StepResult(long step, double loss, long tokens, double gradientNorm, double learningRate, long flops,
                         double seconds) {

    public double tokensPerSecond() {
        return tokens / seconds;
    }

    public double gflops() {
        return flops / seconds / 1e9;
    }
}
