package io.edgellm.planner.split;

/**
 * An upper limit on a second figure of a plan (green mode): joules per token or per training step
 * while minimising latency, or a latency limit while minimising energy. Only figures that add up
 * along the chain can be budgeted; the pipelined throughput is a maximum over stages.
 */
public record Budget(Objective metric, double limit) {

    /** Sums taken in another order differ in the last bits; a plan exactly at the limit must pass everywhere. */
    private static final double ROUNDING = 1e-9;

    public Budget {
        if (metric.bottleneck()) {
            throw new IllegalArgumentException("a budget must be on a figure that adds up along the chain, not "
                    + metric.cliName());
        }
        if (!(limit > 0) || limit == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("a budget must be a positive finite number, got " + limit);
        }
    }

    public boolean admits(double value) {
        return value <= limit * (1 + ROUNDING);
    }

    /** The value of the budgeted figure on a plan. */
    public double of(PlanMetrics metrics) {
        return metrics.value(metric);
    }
}
