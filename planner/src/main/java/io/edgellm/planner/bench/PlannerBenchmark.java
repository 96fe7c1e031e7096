package io.edgellm.planner.bench;

import io.edgellm.planner.cache.BruteForceCaching;
import io.edgellm.planner.cache.CacheLibrary;
import io.edgellm.planner.cache.CachePlacer;
import io.edgellm.planner.cache.CacheProblem;
import io.edgellm.planner.cache.CacheProblems;
import io.edgellm.planner.cache.MarginalGainCaching;
import io.edgellm.planner.cache.SuccessiveKnapsackCaching;
import io.edgellm.planner.cache.TopPopularityCaching;
import io.edgellm.planner.cost.CostModel;
import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.profile.ModelShape;
import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.split.BestSingleNode;
import io.edgellm.planner.split.BruteForceSplitPlanner;
import io.edgellm.planner.split.Budget;
import io.edgellm.planner.split.BudgetedProblem;
import io.edgellm.planner.split.BudgetedSplitPlanner;
import io.edgellm.planner.split.Chain;
import io.edgellm.planner.split.EvenSplit;
import io.edgellm.planner.split.GreedySplit;
import io.edgellm.planner.split.MemoryProportionalSplit;
import io.edgellm.planner.split.Objective;
import io.edgellm.planner.split.PlacementProblem;
import io.edgellm.planner.split.ScalableSplitPlanner;
import io.edgellm.planner.split.SplitPlanner;
import io.edgellm.planner.split.SplitPlanning;
import io.edgellm.planner.topology.SyntheticTopologies;
import io.edgellm.planner.topology.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The planner's benchmark: timing at the sizes the issue asks for, and the measured optimality
 * gap of every heuristic and baseline against brute force on seeded small instances, with and
 * without a budget. Run with {@code edgellm bench --planner}.
 */
public final class PlannerBenchmark {

    /** One timed case: median wall time over the runs after one warm-up. */
    public record Timing(String name, double medianMillis, String detail) {
    }

    /** Gap of one method against the optimum over seeded instances. */
    public record Gap(String problem, String method, int instances, double optimalShare, double meanGap,
                      double maxGap) {
    }

    public record Results(List<Timing> timings, List<Gap> gaps) {

        /** Both tables in Markdown, as docs/PLANNER.md shows them. */
        public String table() {
            StringBuilder sb = new StringBuilder("| case | median | detail |\n|---|---:|---|\n");
            for (Timing t : timings) {
                sb.append(String.format(Locale.ROOT, "| %s | %.0f ms | %s |%n", t.name(), t.medianMillis(), t.detail()));
            }
            sb.append("\n| problem | method | instances | optimal | mean gap | max gap |\n|---|---|---:|---:|---:|---:|\n");
            for (Gap g : gaps) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f%% | %.2f%% | %.2f%% |%n", g.problem(), g.method(),
                        g.instances(), 100 * g.optimalShare(), 100 * g.meanGap(), 100 * g.maxGap()));
            }
            return sb.toString();
        }
    }

    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        System.out.print(run(5, 200).table());
    }

    public static Results run(int runs, int seeds) {
        List<Timing> timings = new ArrayList<>();
        Topology city = SyntheticTopologies.city("bench-1000", 200, 4, 2, 1);
        ModelShape deep = new ModelShape("llama", 128, 4096, 32, 8, 128, 14336, 128256, false, 8192);
        for (boolean devices : new boolean[] {false, true}) {
            PlacementProblem[] last = new PlacementProblem[1];
            Optional<Chain>[] chain = new Optional[1];
            double ms = median(runs, () -> {
                last[0] = new PlacementProblem(city, new CostModel(new ModelProfile(deep),
                        Workload.defaults(Precision.Q4_0)), Objective.DECODE_LATENCY, city.size() - 1, devices);
                chain[0] = new ScalableSplitPlanner().search(last[0]);
            });
            timings.add(new Timing("split: " + city.size() + " nodes, 128 blocks, decode latency"
                    + (devices ? ", every node a host" : ""), ms, last[0].hostCount() + " hosts; "
                    + chain[0].map(c -> c.hosts().length + " shards, gap bound " + String.format(Locale.ROOT,
                    "%.3f%%", 100 * (c.value() / c.lowerBound() - 1))).orElse("infeasible")));
        }
        for (Objective[] pair : new Objective[][] {{Objective.DECODE_LATENCY, Objective.ENERGY},
                {Objective.THROUGHPUT, Objective.ENERGY}, {Objective.TRAIN_ROUND, Objective.TRAIN_ENERGY}}) {
            timings.add(budgetedTiming(runs, city, deep, pair[0], pair[1]));
        }
        CacheProblem cache = cacheInstance();
        double[] hit = new double[1];
        double ms = median(runs, () -> hit[0] = new MarginalGainCaching().place(cache).hitRatio(cache));
        timings.add(new Timing("cache: " + cache.servers() + " servers, " + cache.users() + " users, "
                + cache.models() + " models (" + cache.variants().size() + " variants)", ms,
                String.format(Locale.ROOT, "trimcaching-greedy hit ratio %.4f", hit[0])));
        List<Gap> gaps = new ArrayList<>();
        for (Objective objective : Objective.values()) {
            gaps.addAll(splitGaps(objective, seeds));
        }
        for (Objective[] pair : BUDGETED_PAIRS) {
            gaps.addAll(budgetedGaps(pair[0], pair[1], seeds));
        }
        gaps.addAll(cacheGaps(seeds));
        return new Results(timings, gaps);
    }

    /** Objective and budgeted figure of the budgeted gap rows. */
    private static final Objective[][] BUDGETED_PAIRS = {{Objective.DECODE_LATENCY, Objective.ENERGY},
            {Objective.TTFT, Objective.ENERGY}, {Objective.THROUGHPUT, Objective.ENERGY},
            {Objective.ENERGY, Objective.DECODE_LATENCY}, {Objective.TRAIN_ROUND, Objective.TRAIN_ENERGY},
            {Objective.TRAIN_ENERGY, Objective.TRAIN_ROUND}};

    /**
     * The budgeted planner on the 1,000-node city (edge and cloud hosts), with the budget halfway
     * between the least any plan needs and what the unbudgeted plan uses, so that it binds.
     */
    private static Timing budgetedTiming(int runs, Topology city, ModelShape shape, Objective objective,
                                         Objective metric) {
        PlacementProblem problem = new PlacementProblem(city, new CostModel(new ModelProfile(shape),
                Workload.defaults(Precision.Q4_0)), objective, city.size() - 1, false);
        Chain fastest = new ScalableSplitPlanner().search(problem).orElseThrow();
        double least = new ScalableSplitPlanner().search(problem.withObjective(metric)).orElseThrow().value();
        double atFastest = SplitPlanning.toPlan(problem, "dp", fastest).metrics().value(metric);
        BudgetedProblem budgeted = new BudgetedProblem(problem, new Budget(metric, (least + atFastest) / 2));
        Optional<Chain>[] chain = new Optional[1];
        double ms = median(runs, () -> chain[0] = new BudgetedSplitPlanner().search(budgeted));
        return new Timing("split: " + city.size() + " nodes, 128 blocks, " + objective.cliName() + ", "
                + metric.cliName() + " budget", ms, problem.hostCount() + " hosts; " + chain[0].map(c -> String.format(
                Locale.ROOT, "%d shards, %.1f%% slower than unbudgeted, gap bound %.3f%%", c.hosts().length,
                100 * (c.value() / fastest.value() - 1), 100 * (c.value() / c.lowerBound() - 1))).orElse("infeasible"));
    }

    /** Budgeted searches against brute force under the same budget; instances with a plan within it only. */
    private static List<Gap> budgetedGaps(Objective objective, Objective metric, int seeds) {
        Map<String, Function<BudgetedProblem, Optional<Chain>>> methods = new LinkedHashMap<>();
        methods.put("dp (all hosts)", new BudgetedSplitPlanner()::search);
        methods.put("dp, 2 candidates", new BudgetedSplitPlanner(2)::search);
        return gaps("split, " + objective.cliName() + ", " + metric.cliName() + " budget", seeds,
                seed -> RandomSplitInstances.budgeted(seed, objective, metric, 6, 7),
                new BruteForceSplitPlanner()::search, methods);
    }

    /** 100 edge servers with 10 phones each; 10 bases × 20 LoRA fine-tunes, three precisions. */
    static CacheProblem cacheInstance() {
        Topology topology = SyntheticTopologies.city("bench-cache", 100, 10, 1, 2);
        List<CacheLibrary.Block> blocks = new ArrayList<>();
        List<CacheLibrary.Model> models = new ArrayList<>();
        for (int base = 0; base < 10; base++) {
            blocks.add(new CacheLibrary.Block("base-" + base, (1 + base % 4) * 1.5e9, true));
            for (int tune = 0; tune < 20; tune++) {
                String adapter = "lora-" + base + "-" + tune;
                blocks.add(new CacheLibrary.Block(adapter, 4e7, false));
                models.add(new CacheLibrary.Model(base + "-" + tune, List.of("base-" + base, adapter), 60));
            }
        }
        Map<String, Double> precisions = new LinkedHashMap<>();
        precisions.put("f16", 1.0);
        precisions.put("q8_0", 0.995);
        precisions.put("q4_0", 0.97);
        CacheLibrary library = new CacheLibrary("bench", precisions, blocks, models,
                new CacheLibrary.Requests(0.8, 0.2, 60, 1, 3));
        return CacheProblems.fromTopology(topology, library);
    }

    private static List<Gap> splitGaps(Objective objective, int seeds) {
        Map<String, SplitPlanner> planners = new LinkedHashMap<>();
        planners.put("dp (all hosts)", new ScalableSplitPlanner());
        planners.put("dp, 2 candidates", new ScalableSplitPlanner(2));
        planners.put("single-node", new BestSingleNode());
        planners.put("even", new EvenSplit());
        planners.put("memory-proportional", new MemoryProportionalSplit());
        planners.put("greedy", new GreedySplit());
        Map<String, Function<PlacementProblem, Optional<Chain>>> methods = new LinkedHashMap<>();
        planners.forEach((name, planner) -> methods.put(name, planner::search));
        return gaps("split, " + objective.cliName(), seeds,
                seed -> Optional.of(RandomSplitInstances.problem(seed, objective, 6, 7)),
                new BruteForceSplitPlanner()::search, methods);
    }

    /** Each method's gap to the optimum over the seeded instances that have a plan. */
    private static <P> List<Gap> gaps(String name, int seeds, LongFunction<Optional<P>> instance,
                                      Function<P, Optional<Chain>> optimum,
                                      Map<String, Function<P, Optional<Chain>>> methods) {
        Map<String, double[]> stats = new LinkedHashMap<>();
        int instances = 0;
        for (long seed = 0; seed < seeds; seed++) {
            Optional<P> problem = instance.apply(seed);
            Optional<Chain> best = problem.flatMap(optimum);
            if (best.isEmpty()) {
                continue;
            }
            instances++;
            for (var method : methods.entrySet()) {
                double value = method.getValue().apply(problem.get()).map(Chain::value)
                        .orElse(Double.POSITIVE_INFINITY);
                record(stats.computeIfAbsent(method.getKey(), k -> new double[4]), value / best.get().value() - 1);
            }
        }
        return toGaps(name, stats, instances);
    }

    private static List<Gap> cacheGaps(int seeds) {
        Map<String, CachePlacer> methods = new LinkedHashMap<>();
        methods.put("trimcaching-greedy", new MarginalGainCaching());
        methods.put("trimcaching-knapsack", SuccessiveKnapsackCaching.withUnitBytes(1));
        methods.put("independent", MarginalGainCaching.independent());
        methods.put("top-popularity", new TopPopularityCaching());
        Map<String, double[]> stats = new LinkedHashMap<>();
        int instances = 0;
        for (long seed = 0; seed < seeds; seed++) {
            CacheProblem problem = RandomCacheInstances.problem(seed, 3, 3, seed % 2 == 0);
            double optimum = new BruteForceCaching().place(problem).hitRatio(problem);
            if (optimum == 0) {
                continue;
            }
            instances++;
            for (var method : methods.entrySet()) {
                double value = method.getValue().place(problem).hitRatio(problem);
                record(stats.computeIfAbsent(method.getKey(), k -> new double[4]), 1 - value / optimum);
            }
        }
        return toGaps("cache hit ratio", stats, instances);
    }

    /** stats: {optimal count, gap sum, max gap, count}; an infeasible answer counts as a 100% gap. */
    private static void record(double[] stats, double gap) {
        double g = Double.isFinite(gap) ? Math.max(0, gap) : 1;
        if (g < 1e-9) {
            stats[0]++;
        }
        stats[1] += g;
        stats[2] = Math.max(stats[2], g);
        stats[3]++;
    }

    private static List<Gap> toGaps(String problem, Map<String, double[]> stats, int instances) {
        List<Gap> gaps = new ArrayList<>();
        stats.forEach((method, s) -> gaps.add(new Gap(problem, method, instances, s[0] / s[3], s[1] / s[3], s[2])));
        return gaps;
    }

    private static double median(int runs, Runnable action) {
        action.run();
        double[] millis = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            action.run();
            millis[r] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(millis);
        return millis[runs / 2];
    }
}
