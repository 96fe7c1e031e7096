package io.edgellm.planner.cache;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * TrimCaching's algorithm for the special case of a few shared blocks: servers are filled one after
 * another; for each server every subset T of the shared blocks is tried, and given T the choice of
 * variants is a multiple-choice knapsack (one option per model: a set of its precision variants,
 * charged for their blocks outside T, valued by the demand it newly serves given the servers already
 * filled), solved exactly by dynamic programming over storage in units of {@code unitBytes}. Sizes are rounded up to
 * whole units, so a placement never exceeds a budget. With one server and unit-exact sizes the answer
 * is optimal; over several servers the successive order makes it a heuristic.
 *
 * <p>Time O(S · (M·2^p·U·p + 2^k · M·2^p·C)) for S servers, k shared blocks, M models with p
 * precisions each, U users and C capacity units.
 */
public final class SuccessiveKnapsackCaching implements CachePlacer {

    public static final int MAX_SHARED_BLOCKS = 16;

    private final double unitBytes;
    private final int unitsPerServer;

    /** Knapsack granularity: each server's budget is split into {@code unitsPerServer} units. */
    public static SuccessiveKnapsackCaching withUnitsPerServer(int unitsPerServer) {
        return new SuccessiveKnapsackCaching(0, unitsPerServer);
    }

    /** Knapsack granularity as a fixed block of bytes (exact when all sizes are multiples of it). */
    public static SuccessiveKnapsackCaching withUnitBytes(double unitBytes) {
        return new SuccessiveKnapsackCaching(unitBytes, 0);
    }

    private SuccessiveKnapsackCaching(double unitBytes, int unitsPerServer) {
        this.unitBytes = unitBytes;
        this.unitsPerServer = unitsPerServer;
    }

    @Override
    public String name() {
        return "trimcaching-knapsack";
    }

    @Override
    public CachePlacement place(CacheProblem problem) {
        int[] shared = sharedBlocks(problem);
        if (shared.length > MAX_SHARED_BLOCKS) {
            throw new IllegalArgumentException(shared.length + " blocks are shared between models; the knapsack "
                    + "method enumerates their subsets and handles at most " + MAX_SHARED_BLOCKS
                    + " (use the marginal-gain method)");
        }
        ServedState state = new ServedState(problem);
        for (int m = 0; m < problem.servers(); m++) {
            for (int v : bestForServer(problem, state, m, shared)) {
                state.place(m, v);
            }
        }
        return state.placement();
    }

    /** A set of one model's variants cached together on a server, and the demand it newly serves. */
    private record Option(int[] variants, double value) {
    }

    private List<Integer> bestForServer(CacheProblem problem, ServedState state, int server, int[] shared) {
        double capacity = problem.capacityBytes(server);
        double unit = unitBytes > 0 ? unitBytes : capacity / unitsPerServer;
        List<List<Option>> options = new ArrayList<>();
        for (int i = 0; i < problem.models(); i++) {
            options.add(options(problem, state, server, i));
        }
        BitSet sharedSet = new BitSet();
        for (int b : shared) {
            sharedSet.set(b);
        }
        double bestValue = 0;
        List<Integer> bestChoice = List.of();
        for (int subset = 0; subset < (1 << shared.length); subset++) {
            BitSet chosenShared = new BitSet();
            double sharedBytes = 0;
            for (int s = 0; s < shared.length; s++) {
                if ((subset & (1 << s)) != 0) {
                    chosenShared.set(shared[s]);
                    sharedBytes += problem.blockBytes(shared[s]);
                }
            }
            if (sharedBytes > capacity) {
                continue;
            }
            int units = (int) Math.floor((capacity - sharedBytes) / unit + 1e-9);
            Knapsack result = knapsack(problem, options, sharedSet, chosenShared, unit, units);
            if (result.value > bestValue + 1e-12 * problem.totalDemand()) {
                bestValue = result.value;
                bestChoice = result.choice;
            }
        }
        return bestChoice;
    }

    /**
     * Every non-empty set of model i's variants with positive value. Caching two precisions of one
     * model can pay: the small one reaches users on slow links, the large one serves near users better.
     */
    private static List<Option> options(CacheProblem problem, ServedState state, int server, int model) {
        int[] all = problem.variantsOf(model);
        List<Option> options = new ArrayList<>();
        for (int mask = 1; mask < (1 << all.length); mask++) {
            int[] chosen = new int[Integer.bitCount(mask)];
            int k = 0;
            for (int j = 0; j < all.length; j++) {
                if ((mask & (1 << j)) != 0) {
                    chosen[k++] = all[j];
                }
            }
            double value = 0;
            for (int u = 0; u < problem.users(); u++) {
                double d = problem.demand(u, model);
                if (d == 0) {
                    continue;
                }
                double quality = 0;
                for (int v : chosen) {
                    if (problem.variant(v).quality() > quality && problem.reaches(u, server, v)) {
                        quality = problem.variant(v).quality();
                    }
                }
                value += d * Math.max(0, quality - state.best(u, model));
            }
            if (value > 0) {
                options.add(new Option(chosen, value));
            }
        }
        return options;
    }

    private record Knapsack(double value, List<Integer> choice) {
    }

    /** Multiple-choice knapsack over models: each model contributes at most one of its options. */
    private static Knapsack knapsack(CacheProblem problem, List<List<Option>> options, BitSet shared,
                                     BitSet chosenShared, double unit, int units) {
        int models = problem.models();
        double[] dp = new double[units + 1];
        Option[][] pick = new Option[models][];
        int[][] pickUnits = new int[models][];
        for (int i = 0; i < models; i++) {
            double[] next = dp.clone();
            Option[] choice = new Option[units + 1];
            int[] choiceUnits = new int[units + 1];
            for (Option option : options.get(i)) {
                int weight = ownUnits(problem, option.variants(), shared, chosenShared, unit);
                if (weight < 0 || weight > units) {
                    continue;
                }
                for (int c = weight; c <= units; c++) {
                    double candidate = dp[c - weight] + option.value();
                    if (candidate > next[c]) {
                        next[c] = candidate;
                        choice[c] = option;
                        choiceUnits[c] = weight;
                    }
                }
            }
            pick[i] = choice;
            pickUnits[i] = choiceUnits;
            dp = next;
        }
        List<Integer> chosen = new ArrayList<>();
        int c = units;
        for (int i = models - 1; i >= 0; i--) {
            Option option = pick[i][c];
            if (option != null) {
                for (int v : option.variants()) {
                    chosen.add(v);
                }
                c -= pickUnits[i][c];
            }
        }
        return new Knapsack(dp[units], chosen);
    }

    /** Units for the variants' blocks outside the shared set; -1 if one needs a shared block not chosen. */
    private static int ownUnits(CacheProblem problem, int[] variants, BitSet shared, BitSet chosenShared,
                                double unit) {
        BitSet own = new BitSet();
        for (int v : variants) {
            for (int b : problem.variant(v).blocks()) {
                if (shared.get(b)) {
                    if (!chosenShared.get(b)) {
                        return -1;
                    }
                } else {
                    own.set(b);
                }
            }
        }
        double bytes = 0;
        for (int b = own.nextSetBit(0); b >= 0; b = own.nextSetBit(b + 1)) {
            bytes += problem.blockBytes(b);
        }
        return (int) Math.ceil(bytes / unit - 1e-9);
    }

    /** Blocks used by more than one model (a model's own blocks may still be shared by its precision variants). */
    static int[] sharedBlocks(CacheProblem problem) {
        int[] firstModel = new int[problem.blocks()];
        boolean[] shared = new boolean[problem.blocks()];
        java.util.Arrays.fill(firstModel, -1);
        for (CacheProblem.Variant variant : problem.variants()) {
            for (int b : variant.blocks()) {
                if (firstModel[b] < 0) {
                    firstModel[b] = variant.model();
                } else if (firstModel[b] != variant.model()) {
                    shared[b] = true;
                }
            }
        }
        List<Integer> result = new ArrayList<>();
        for (int b = 0; b < shared.length; b++) {
            if (shared[b]) {
                result.add(b);
            }
        }
        return result.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Rough count of knapsack steps, so callers can skip the method on instances too large for it. */
    public static double estimatedSteps(CacheProblem problem, int unitsPerServer) {
        int shared = sharedBlocks(problem).length;
        double options = 0;
        for (int i = 0; i < problem.models(); i++) {
            options += (1 << problem.variantsOf(i).length) - 1;
        }
        return problem.servers() * Math.pow(2, shared) * options * unitsPerServer;
    }
}
