package io.edgellm.cli.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgellm.planner.cache.CacheLibrary;
import io.edgellm.planner.cache.CacheLibraryYaml;
import io.edgellm.planner.cache.CacheMigration;
import io.edgellm.planner.cache.CachePlacement;
import io.edgellm.planner.cache.CachePlacer;
import io.edgellm.planner.cache.CacheProblem;
import io.edgellm.planner.cache.CacheProblems;
import io.edgellm.planner.cache.LruCacheSimulation;
import io.edgellm.planner.cache.MarginalGainCaching;
import io.edgellm.planner.cache.SuccessiveKnapsackCaching;
import io.edgellm.planner.cache.TopPopularityCaching;
import io.edgellm.planner.topology.Topology;
import io.edgellm.planner.topology.TopologyYaml;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgellm plan-cache}: which model blocks each edge server caches. */
@Command(name = "plan-cache", mixinStandardHelpOptions = true,
        description = "Choose the model blocks each edge server caches (parameter-sharing TrimCaching) and "
                + "compare with baselines.")
public final class PlanCacheCommand implements Callable<Integer> {

    /** Above this many knapsack steps the knapsack method is skipped (it enumerates shared-block subsets). */
    private static final double KNAPSACK_STEP_LIMIT = 3e8;
    private static final int KNAPSACK_UNITS = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--topology", required = true, paramLabel = "T.yaml",
            description = "Topology: edge nodes cache (budget: storage), devices request.")
    Path topologyFile;

    @Option(names = "--library", required = true, paramLabel = "L.yaml", description = "Model library file.")
    Path libraryFile;

    @Option(names = "--shift-seed", paramLabel = "SEED",
            description = "Redraw popularity with this seed and print the migration to the new placement.")
    Long shiftSeed;

    @Option(names = "--lru-requests", defaultValue = "20000",
            description = "Requests simulated for the LRU baseline (default: ${DEFAULT-VALUE}).")
    int lruRequests;

    @Option(names = "--json", description = "Print the placement as JSON.")
    boolean json;

    @Option(names = "--verbose", description = "List every server, with the models it caches by precision.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Topology topology = PlannerErrors.userFacing(() -> TopologyYaml.read(topologyFile));
        CacheLibrary library = PlannerErrors.userFacing(() -> CacheLibraryYaml.read(libraryFile));
        CacheProblem problem = CacheProblems.fromTopology(topology, library);
        CachePlacement chosen = new MarginalGainCaching().place(problem);
        Map<String, Double> hitRatios = new LinkedHashMap<>();
        hitRatios.put("trimcaching-greedy", chosen.hitRatio(problem));
        Optional<String> note = Optional.empty();
        if (SuccessiveKnapsackCaching.estimatedSteps(problem, KNAPSACK_UNITS) <= KNAPSACK_STEP_LIMIT) {
            CachePlacer knapsack = SuccessiveKnapsackCaching.withUnitsPerServer(KNAPSACK_UNITS);
            hitRatios.put(knapsack.name(), knapsack.place(problem).hitRatio(problem));
        } else {
            note = Optional.of("trimcaching-knapsack skipped: too many shared blocks for its subset enumeration");
        }
        for (CachePlacer baseline : List.of(MarginalGainCaching.independent(), new TopPopularityCaching())) {
            hitRatios.put(baseline.name(), baseline.place(problem).hitRatio(problem));
        }
        hitRatios.put("lru-online", LruCacheSimulation.run(problem, lruRequests, library.requests().seed()).hitRatio());
        Optional<CacheReport.Shift> shift = Optional.empty();
        if (shiftSeed != null) {
            CacheProblem shifted = CacheProblems.fromTopology(topology, library, shiftSeed);
            CachePlacement next = new MarginalGainCaching().place(shifted);
            hitRatios.put("old placement after shift", chosen.hitRatio(shifted));
            shift = Optional.of(new CacheReport.Shift(shiftSeed, next.hitRatio(shifted),
                    CacheMigration.between(shifted, chosen, next), CacheMigration.fullReloadBytes(shifted, next)));
        }
        CacheReport report = new CacheReport(library.name(), topology.name(), problem, chosen, hitRatios, note, shift);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(report)));
        } else {
            CacheTables.print(report, verbose, out);
        }
        out.flush();
        return 0;
    }

    /** Every server's variants and blocks, every model's figures, every method's hit ratio, the migration. */
    private static Map<String, Object> toJson(CacheReport report) {
        CacheProblem problem = report.problem();
        CachePlacement chosen = report.chosen();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("topology", report.topology());
        root.put("library", report.library());
        List<Object> servers = new ArrayList<>();
        for (int m = 0; m < problem.servers(); m++) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("server", problem.serverId(m));
            List<String> models = new ArrayList<>();
            BitSet held = chosen.variants(m);
            for (int v = held.nextSetBit(0); v >= 0; v = held.nextSetBit(v + 1)) {
                models.add(problem.modelId(problem.variant(v).model()) + "@" + problem.variant(v).precision());
            }
            List<String> blocks = new ArrayList<>();
            BitSet stored = chosen.blocks(problem, m);
            for (int b = stored.nextSetBit(0); b >= 0; b = stored.nextSetBit(b + 1)) {
                blocks.add(problem.blockId(b));
            }
            server.put("models", models);
            server.put("blocks", blocks);
            server.put("storedBytes", chosen.storedBytes(problem, m));
            server.put("budgetBytes", problem.capacityBytes(m));
            servers.add(server);
        }
        root.put("placement", servers);
        List<Object> models = new ArrayList<>();
        for (int i = 0; i < problem.models(); i++) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("model", problem.modelId(i));
            model.put("requestShare", problem.demand(i) / problem.totalDemand());
            model.put("hitRatio", chosen.hitRatio(problem, i));
            models.add(model);
        }
        root.put("models", models);
        root.put("hitRatios", report.hitRatios());
        report.note().ifPresent(n -> root.put("note", n));
        report.shift().ifPresent(s -> {
            root.put("shiftedHitRatio", s.hitRatio());
            root.put("migration", s.migration().changes());
        });
        return root;
    }
}
