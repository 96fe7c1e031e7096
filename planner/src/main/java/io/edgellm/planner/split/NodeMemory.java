package io.edgellm.planner.split;

/** Resident bytes a plan puts on a node against its capacity. */
public record NodeMemory(String nodeId, double usedBytes, double capacityBytes) {

    public boolean fits() {
        return usedBytes <= capacityBytes;
    }
}
