package io.edgellm.engine.data;

/** Exact-match score of a model on a set of examples. */
public record Evaluation(int correct, int total) {

    public Evaluation {
        if (correct < 0 || correct > total) {
            throw new IllegalArgumentException(correct + " correct out of " + total);
        }
    }

    /** Fraction correct; 0 for an empty set. */
    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }
}
