package io.edgellm.engine.train;

/** Mean loss per target of a validation set (no dropout, no label smoothing) and its perplexity {@code e^loss}. */
public record EvalResult(double loss, long targets) {

    public double perplexity() {
        return Math.exp(loss);
    }
}
