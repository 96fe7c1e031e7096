package io.edgellm.planner.split;

import java.util.Optional;

/** What a plan minimises. */
public enum Objective {
    /** Seconds per decoded token for one sequence: shards run one after another. */
    DECODE_LATENCY("decode-latency"),
    /** Seconds from prompt to first token: prefill of the whole prompt through every shard. */
    TTFT("ttft"),
    /** Tokens per second with the pipeline kept full: the slowest stage (shard or link) sets the rate. */
    THROUGHPUT("throughput"),
    /** Seconds per split-learning step: forward, smashed data up, backward, gradients down. */
    TRAIN_ROUND("train-round"),
    /** Joules per decoded token (green mode for inference). */
    ENERGY("energy"),
    /** Joules per split-learning step (green mode for training). */
    TRAIN_ENERGY("train-energy");

    private final String cliName;

    Objective(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
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
