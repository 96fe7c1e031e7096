package io.edgellm.planner.topology;

/**
 * A bidirectional link. "Up" is the direction {@code from → to}, "down" the reverse, as in a
 * device's uplink to its edge server.
 *
 * <p>Expected one-way time for a message of {@code b} bytes:
 * {@code latency + jitter + b / (bandwidth · (1 − loss)) + P(some packet lost) · 2 · latency},
 * i.e. the planner plans against latency plus one jitter as a margin, lost packets are resent (so
 * the useful bandwidth shrinks by the loss rate), and a message that lost any of its
 * {@value #PACKET_BYTES}-byte packets waits one extra round trip for the selective repeat.
 */
public record Link(String from, String to, double upBytesPerSecond, double downBytesPerSecond,
                   double latencySeconds, double jitterSeconds, double lossRate) {

    public static final double PACKET_BYTES = 1500;

    public Link {
        if (upBytesPerSecond <= 0 || downBytesPerSecond <= 0) {
            throw new IllegalArgumentException(from + "-" + to + ": bandwidth must be positive");
        }
        if (latencySeconds < 0 || jitterSeconds < 0 || lossRate < 0 || lossRate >= 1) {
            throw new IllegalArgumentException(from + "-" + to + ": need latency, jitter >= 0 and 0 <= loss < 1");
        }
    }

    public double bytesPerSecond(boolean upward) {
        return upward ? upBytesPerSecond : downBytesPerSecond;
    }

    /** Expected seconds to deliver {@code bytes} in one direction; see the class comment. */
    public double transferSeconds(double bytes, boolean upward) {
        if (bytes <= 0) {
            return 0;
        }
        double packets = Math.ceil(bytes / PACKET_BYTES);
        double anyLost = 1 - Math.pow(1 - lossRate, packets);
        return latencySeconds + jitterSeconds + bytes / (bytesPerSecond(upward) * (1 - lossRate))
                + anyLost * 2 * latencySeconds;
    }

    /** Seconds the link is busy serialising {@code bytes}: the pipelined bottleneck, latency overlapped. */
    public double serialisationSeconds(double bytes, boolean upward) {
        return bytes / (bytesPerSecond(upward) * (1 - lossRate));
    }
}
