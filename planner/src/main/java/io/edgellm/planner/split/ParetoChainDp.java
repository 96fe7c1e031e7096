package io.edgellm.planner.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The split search under a budget: the states of {@link ChainDp}, each holding the Pareto frontier
 * of (objective, budgeted figure) over the partial chains that reach it instead of one best value.
 *
 * <p>Exact, because both figures are monotone along the chain (sums, or a maximum for throughput):
 * a partial chain that is no better on either figure than another reaching the same state can be
 * completed no better than that one either, so dropping it loses nothing. Two bounds drop more:
 * for each state, the least of each figure that the rest of the model still adds (the relaxed,
 * revisiting optimum of the remainder, computed backwards first). A partial chain goes when it
 * cannot finish within the budget, or cannot finish within a cap on the objective.
 *
 * <p>The cap deepens as in IDA*: it starts at a lower bound on the optimum and a search either
 * finds the optimum (every chain within the cap survived it) or the cap grows, to the least bound
 * among the chains it cut and at least by {@value #GROWTH}×, never past an incumbent (a known plan
 * within the budget), and stops when a search cut nothing. Tight caps keep frontiers small where the
 * unbounded search would hold hundreds of chains per state; the worst case stays exponential.
 */
final class ParetoChainDp {

    /** A partial chain: its figures, and its last finished shard with the chain before it. */
    private record Label(double primary, double secondary, Label previous, int host, int blocks) {
    }

    private final PlacementProblem primary;
    private final PlacementProblem budgeted;
    private final Budget budget;
    private final ChainStates space;
    private final int k;
    private final int states;
    private final int blocks;
    private final ToGo primaryToGo;
    private final ToGo secondaryToGo;
    /** In the current search, chains whose objective cannot stay within this are cut. */
    private double cap;
    /** The least objective bound among the chains the current search cut; infinity if it cut none. */
    private double leastCut;

    private static final double GROWTH = 1.1;

    private ParetoChainDp(BudgetedProblem problem, ChainStates space) {
        this.primary = problem.primary();
        this.budgeted = problem.budgeted();
        this.budget = problem.budget();
        this.space = space;
        this.k = space.hosts();
        this.states = space.count();
        this.blocks = primary.blocks();
        this.primaryToGo = new ToGo(primary);
        this.secondaryToGo = new ToGo(budgeted);
    }

    /**
     * Exact optimum within the budget among chains of distinct hosts from {@code subset}.
     *
     * @param lowerBound at most the optimum's objective value
     * @param incumbent objective value of a chain within the budget on hosts of {@code subset}, or infinity
     */
    static Optional<Chain> distinctHosts(BudgetedProblem problem, int[] subset, double lowerBound, double incumbent) {
        return new ParetoChainDp(problem, new ChainStates(subset, true)).deepening(lowerBound, incumbent);
    }

    /**
     * Optimum within the budget of the relaxation that may revisit hosts: a lower bound on every plan.
     *
     * @param lowerBound at most the optimum's objective value
     * @param incumbent objective value of any chain within the budget, or infinity
     */
    static Optional<Chain> revisitingHosts(BudgetedProblem problem, double lowerBound, double incumbent) {
        return new ParetoChainDp(problem, ChainStates.revisiting(problem.primary())).deepening(lowerBound, incumbent);
    }

    private Optional<Chain> deepening(double lowerBound, double incumbent) {
        cap = Math.min(lowerBound, incumbent);
        while (true) {
            Optional<Chain> found = solve();
            if (found.isPresent() || leastCut == Double.POSITIVE_INFINITY || cap >= incumbent) {
                return found;
            }
            cap = Math.min(Math.max(leastCut, cap * GROWTH), incumbent);
        }
    }

    /** One search with the current cap. */
    private Optional<Chain> solve() {
        leastCut = Double.POSITIVE_INFINITY;
        Frontier[][] done = new Frontier[blocks + 1][states];
        for (int b = 0; b < blocks; b++) {
            Frontier[] arrive = new Frontier[states];
            if (b == 0) {
                for (int i = 0; i < k; i++) {
                    offer(arrive, space.state(0, i), primary.in(space.problemHost(i)),
                            budgeted.in(space.problemHost(i)), null, i, 0,
                            primaryToGo.beforeShard[0][i], secondaryToGo.beforeShard[0][i]);
                }
            } else {
                hop(b, done[b], arrive);
                done[b] = null; // every chain through here now continues from an arrive frontier
            }
            for (int s = 0; s < states; s++) {
                if (arrive[s] != null) {
                    shards(b, s, arrive[s], done);
                }
            }
        }
        return best(done[blocks]);
    }

    /** Adds a partial chain to a state's frontier unless the bounds show it cannot finish within budget and cap. */
    private void offer(Frontier[] row, int s, double p, double c, Label previous, int host, int blocks,
                       double primaryRest, double secondaryRest) {
        if (!budget.admits(c + secondaryRest)) {
            return;
        }
        double bound = primary.combine(p, primaryRest);
        if (bound > cap * (1 + 1e-9)) {
            leastCut = Math.min(leastCut, bound);
            return;
        }
        frontier(row, s).offer(p, c, previous, host, blocks);
    }

    /** Moves every chain whose last shard ended at this block to each host it may visit next. */
    private void hop(int b, Frontier[] ended, Frontier[] arrive) {
        for (int from = 0; from < states; from++) {
            if (ended[from] == null) {
                continue;
            }
            int mask = space.mask(from);
            int j = space.problemHost(space.host(from));
            for (int i = 0; i < k; i++) {
                if (!space.mayVisit(mask, i)) {
                    continue;
                }
                double hopPrimary = primary.hop(j, space.problemHost(i));
                double hopSecondary = budgeted.hop(j, space.problemHost(i));
                for (Label label : ended[from].labels) {
                    offer(arrive, space.state(mask, i), primary.combine(label.primary(), hopPrimary),
                            label.secondary() + hopSecondary, label, i, 0, primaryToGo.beforeShard[b][i],
                            secondaryToGo.beforeShard[b][i]);
                }
            }
        }
    }

    /** Extends the chains arriving at state {@code s} by one shard of every size the host holds. */
    private void shards(int b, int s, Frontier arriving, Frontier[][] done) {
        int i = space.host(s);
        int h = space.problemHost(i);
        for (int n = 1; b + n <= blocks; n++) {
            boolean last = b + n == blocks;
            double stagePrimary = primary.stage(h, n, b == 0, last);
            double stageSecondary = budgeted.stage(h, n, b == 0, last);
            if (stagePrimary == Double.POSITIVE_INFINITY || stageSecondary == Double.POSITIVE_INFINITY) {
                break; // past the host's memory: longer shards need more still
            }
            for (Label label : arriving.labels) {
                offer(done[b + n], s, primary.combine(label.primary(), stagePrimary),
                        label.secondary() + stageSecondary, label.previous(), i, n, primaryToGo.afterShard[b + n][i],
                        secondaryToGo.afterShard[b + n][i]);
            }
        }
    }

    private Optional<Chain> best(Frontier[] finished) {
        Label best = null;
        double bestPrimary = Double.POSITIVE_INFINITY;
        double bestSecondary = Double.POSITIVE_INFINITY;
        for (int s = 0; s < states; s++) {
            if (finished[s] == null) {
                continue;
            }
            int h = space.problemHost(space.host(s));
            for (Label label : finished[s].labels) {
                double p = primary.combine(label.primary(), primary.out(h));
                double c = label.secondary() + budgeted.out(h);
                if (budget.admits(c) && (p < bestPrimary || (p == bestPrimary && c < bestSecondary))) {
                    best = label;
                    bestPrimary = p;
                    bestSecondary = c;
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        List<Label> shards = new ArrayList<>();
        for (Label l = best; l != null; l = l.previous()) {
            shards.addFirst(l);
        }
        int[] hosts = shards.stream().mapToInt(l -> space.problemHost(l.host())).toArray();
        int[] sizes = shards.stream().mapToInt(Label::blocks).toArray();
        return Optional.of(new Chain(hosts, sizes, bestPrimary, bestPrimary));
    }

    /**
     * The least a figure can still grow from each state, by the relaxed (revisiting) optimum of the
     * rest of the model over the subset: after a shard on subset host i ends at block b
     * ({@code afterShard[b][i]}, the output transfer when b is the last block), and before a shard
     * starts on it at block b ({@code beforeShard[b][i]}).
     */
    private final class ToGo {
        final double[][] afterShard = new double[blocks + 1][k];
        final double[][] beforeShard = new double[blocks][k];

        ToGo(PlacementProblem tables) {
            for (int i = 0; i < k; i++) {
                afterShard[blocks][i] = tables.out(space.problemHost(i));
            }
            for (int b = blocks - 1; b >= 0; b--) {
                for (int i = 0; i < k; i++) {
                    double least = Double.POSITIVE_INFINITY;
                    for (int n = 1; b + n <= blocks; n++) {
                        double stage = tables.stage(space.problemHost(i), n, b == 0, b + n == blocks);
                        if (stage == Double.POSITIVE_INFINITY) {
                            break;
                        }
                        least = Math.min(least, tables.combine(stage, afterShard[b + n][i]));
                    }
                    beforeShard[b][i] = least;
                }
                if (b > 0) {
                    for (int j = 0; j < k; j++) {
                        double least = Double.POSITIVE_INFINITY;
                        for (int i = 0; i < k; i++) {
                            double hop = tables.hop(space.problemHost(j), space.problemHost(i));
                            least = Math.min(least, tables.combine(hop, beforeShard[b][i]));
                        }
                        afterShard[b][j] = least;
                    }
                }
            }
        }
    }

    private static Frontier frontier(Frontier[] row, int s) {
        if (row[s] == null) {
            row[s] = new Frontier();
        }
        return row[s];
    }

    /** Partial chains reaching one state, none at least as good as another on both figures. */
    private static final class Frontier {
        /** Sorted by primary, strictly increasing; the secondary then strictly decreases. */
        private final ArrayList<Label> labels = new ArrayList<>(2);

        void offer(double primary, double secondary, Label previous, int host, int blocks) {
            int pos = firstAbove(primary);
            if (pos > 0 && labels.get(pos - 1).secondary() <= secondary) {
                return; // no better on either figure than one already here (ties keep the first)
            }
            int end = pos;
            while (end < labels.size() && labels.get(end).secondary() >= secondary) {
                end++;
            }
            labels.subList(pos, end).clear();
            if (pos > 0 && labels.get(pos - 1).primary() == primary) {
                labels.remove(--pos);
            }
            labels.add(pos, new Label(primary, secondary, previous, host, blocks));
        }

        private int firstAbove(double primary) {
            int lo = 0;
            int hi = labels.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (labels.get(mid).primary() <= primary) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
