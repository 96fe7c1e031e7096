package io.edgellm.engine.train;

/**
 * Linear warm-up from {@code peak / warmupSteps} to {@code peak} over the first
 * {@code warmupSteps} steps, then a half cosine from {@code peak} down to {@code minimum} at
 * {@code totalSteps}, and {@code minimum} after.
 */
public record WarmupCosine(double peak, double minimum, long warmupSteps, long totalSteps) implements LearningRateSchedule {

    public WarmupCosine {
        if (!(peak > 0) || !(minimum >= 0) || minimum > peak) {
            throw new IllegalArgumentException("need 0 <= minimum <= peak and peak > 0, got peak " + peak + ", minimum " + minimum);
        }
        if (warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need 0 <= warm-up steps <= total steps and total >= 1, got " + warmupSteps
                    + " and " + totalSteps);
        }
    }

    @Override
    public double rate(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps) {
            return minimum;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return minimum + 0.5 * (peak - minimum) * (1 + Math.cos(Math.PI * progress));
    }
}
