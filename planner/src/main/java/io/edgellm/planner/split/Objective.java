package io.edgellm.planner.split;

import java.util.Locale;
import java.util.Optional;

/** What a plan minimises. */
public enum Objective {
    /** Seconds per decoded token for one sequence: shards run one after another. */
    DECODE_LATENCY("decode-latency", "decode latency", "s/token"),
    /** Seconds from prompt to first token: prefill of the whole prompt through every shard. */
    TTFT("ttft", "time to first token", "s"),
    /** Tokens per second with the pipeline kept full: the slowest stage (shard or link) sets the rate. */
    THROUGHPUT("throughput", "pipelined seconds per token", "s/token"),
    /** Seconds per split-learning step: forward, smashed data up, backward, gradients down. */
    TRAIN_ROUND("train-round", "split-learning step time", "s/step"),
    /** Joules per decoded token (green mode for inference). */
    ENERGY("energy", "energy per token", "J/token"),
    /** Joules per split-learning step (green mode for training). */
    TRAIN_ENERGY("train-energy", "energy per training step", "J/step");

    private final String cliName;
    private final String figure;
    private final String unit;

    Objective(String cliName, String figure, String unit) {
        this.cliName = cliName;
        this.figure = figure;
        this.unit = unit;
    }

    public String cliName() {
        return cliName;
    }

    /** What the objective measures, in words, for messages. */
    public String figure() {
        return figure;
    }

    /** A value of this figure with its unit, for messages. */
    public String format(double value) {
        return String.format(Locale.ROOT, "%.4g %s", value, unit);
    }

    /** Throughput is a bottleneck (max over stages); the others add up along the chain. */
    public boolean bottleneck() {
        return this == THROUGHPUT;
    }

    /** Training keeps the raw data on the source: the first shard must run there. */
    public boolean training() {
        return this == TRAIN_ROUND || this == TRAIN_ENERGY;
    }

    public static Optional<Objective> fromCliName(String name) {
        for (Objective o : values()) {
            if (o.cliName.equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
