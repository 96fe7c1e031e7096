package io.edgellm.planner.cache;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Moving from one placement to another when popularity shifts: each server fetches only the
 * blocks it lacks and drops only the blocks no longer used, so a base shared by old and new
 * models stays put.
 */
public record CacheMigration(List<ServerChange> changes) {

    /** What one server fetches and drops, as block ids. */
    public record ServerChange(String serverId, List<String> fetch, List<String> drop, double fetchBytes,
                               double dropBytes) {
    }

    public CacheMigration {
        changes = List.copyOf(changes);
    }

    public static CacheMigration between(CacheProblem problem, CachePlacement before, CachePlacement after) {
        List<ServerChange> changes = new ArrayList<>();
        for (int m = 0; m < problem.servers(); m++) {
            BitSet old = before.blocks(problem, m);
            BitSet now = after.blocks(problem, m);
            BitSet fetch = (BitSet) now.clone();
            fetch.andNot(old);
            BitSet drop = (BitSet) old.clone();
            drop.andNot(now);
            changes.add(new ServerChange(problem.serverId(m), ids(problem, fetch), ids(problem, drop),
                    problem.bytes(fetch), problem.bytes(drop)));
        }
        return new CacheMigration(changes);
    }

    public double fetchBytes() {
        return changes.stream().mapToDouble(ServerChange::fetchBytes).sum();
    }

    /** Bytes a migration that reloads every server from scratch would move. */
    public static double fullReloadBytes(CacheProblem problem, CachePlacement after) {
        double total = 0;
        for (int m = 0; m < problem.servers(); m++) {
            total += after.storedBytes(problem, m);
        }
        return total;
    }

    private static List<String> ids(CacheProblem problem, BitSet blocks) {
        List<String> ids = new ArrayList<>();
        for (int b = blocks.nextSetBit(0); b >= 0; b = blocks.nextSetBit(b + 1)) {
            ids.add(problem.blockId(b));
        }
        return ids;
    }
}
