package io.edgellm.planner.split;

/** Blocks {@code [fromBlock, toBlock)} on one node; the first shard also holds the embedding, the last the head. */
public record Shard(String nodeId, int node, int fromBlock, int toBlock) {

    public Shard {
        if (fromBlock < 0 || toBlock <= fromBlock) {
            throw new IllegalArgumentException("a shard needs at least one block: [" + fromBlock + ", " + toBlock + ")");
        }
    }

    public int blocks() {
        return toBlock - fromBlock;
    }
}
