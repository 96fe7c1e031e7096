package io.edgellm.planner.cost;

/** Arithmetic and memory traffic of a piece of computation, before a node turns it into seconds. */
public record Work(double flops, double bytesRead) {

    public static final Work NONE = new Work(0, 0);

    public Work plus(Work other) {
        return new Work(flops + other.flops, bytesRead + other.bytesRead);
    }

    public Work times(double factor) {
        return new Work(flops * factor, bytesRead * factor);
    }
}
