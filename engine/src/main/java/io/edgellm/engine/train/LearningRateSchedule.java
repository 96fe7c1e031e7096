package io.edgellm.engine.train;

/** The learning rate of each optimizer step. */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The rate of step {@code step}, counted from 0. */
    double rate(long step);

    static LearningRateSchedule constant(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + rate);
        }
        return step -> rate;
    }
}
