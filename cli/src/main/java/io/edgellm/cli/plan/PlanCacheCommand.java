package io.edgellm.cli.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgellm.cli.TextTable;
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
import java.util.Locale;
import java.util.Map;
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

    @Override
    public Integer call() throws Exception {
        Topology topology = PlannerErrors.userFacing(() -> TopologyYaml.read(topologyFile));
        CacheLibrary library = PlannerErrors.userFacing(() -> CacheLibraryYaml.read(libraryFile));
        CacheProblem problem = CacheProblems.fromTopology(topology, library);
        CachePlacement chosen = new MarginalGainCaching().place(problem);
        Map<String, Double> hitRatios = new LinkedHashMap<>();
        hitRatios.put("trimcaching-greedy", chosen.hitRatio(problem));
        String knapsackNote = null;
        if (SuccessiveKnapsackCaching.estimatedSteps(problem, KNAPSACK_UNITS) <= KNAPSACK_STEP_LIMIT) {
            CachePlacer knapsack = SuccessiveKnapsackCaching.withUnitsPerServer(KNAPSACK_UNITS);
            hitRatios.put(knapsack.name(), knapsack.place(problem).hitRatio(problem));
        } else {
            knapsackNote = "trimcaching-knapsack skipped: too many blocks shared between models for its subset "
                    + "enumeration on this instance";
        }
        for (CachePlacer baseline : List.of(MarginalGainCaching.independent(), new TopPopularityCaching())) {
            hitRatios.put(baseline.name(), baseline.place(problem).hitRatio(problem));
        }
        hitRatios.put("lru-online", LruCacheSimulation.run(problem, lruRequests, library.requests().seed()).hitRatio());
        CacheMigration migration = null;
        double shiftedHitRatio = Double.NaN;
        double fullReloadBytes = 0;
        if (shiftSeed != null) {
            CacheProblem shifted = CacheProblems.fromTopology(topology, library, shiftSeed);
            CachePlacement next = new MarginalGainCaching().place(shifted);
            shiftedHitRatio = next.hitRatio(shifted);
            migration = CacheMigration.between(shifted, chosen, next);
            fullReloadBytes = CacheMigration.fullReloadBytes(shifted, next);
            hitRatios.put("old placement after shift", chosen.hitRatio(shifted));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(topology, library, problem, chosen, hitRatios, migration)));
        } else {
            print(out, topology, library, problem, chosen, hitRatios, knapsackNote, migration, shiftedHitRatio,
                    fullReloadBytes);
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, Topology topology, CacheLibrary library, CacheProblem problem,
                       CachePlacement chosen, Map<String, Double> hitRatios, String knapsackNote,
                       CacheMigration migration, double shiftedHitRatio, double fullReloadBytes) {
        out.printf(Locale.ROOT, "%s on %s: %d edge servers, %d users, %d models in %d variants over %d blocks%n%n",
                library.name(), topology.name(), problem.servers(), problem.users(), problem.models(),
                problem.variants().size(), problem.blocks());
        TextTable servers = new TextTable("server", "cached models", "stored>", "budget>");
        for (int m = 0; m < problem.servers(); m++) {
            servers.row(problem.serverId(m), describe(problem, chosen.variants(m)),
                    Format.bytes(chosen.storedBytes(problem, m)), Format.bytes(problem.capacityBytes(m)));
        }
        servers.print(out);
        out.println();
        TextTable compare = new TextTable("algorithm", "hit ratio>");
        hitRatios.forEach((name, ratio) -> compare.row(name, String.format(Locale.ROOT, "%.4f", ratio)));
        compare.print(out);
        if (knapsackNote != null) {
            out.println(knapsackNote);
        }
        if (migration != null) {
            out.printf(Locale.ROOT, "%npopularity shift (seed %d): new placement hit ratio %.4f; migration fetches %s "
                            + "(a full reload would fetch %s)%n", shiftSeed, shiftedHitRatio,
                    Format.bytes(migration.fetchBytes()), Format.bytes(fullReloadBytes));
        }
    }

    private static String describe(CacheProblem problem, BitSet variants) {
        List<String> names = new ArrayList<>();
        for (int v = variants.nextSetBit(0); v >= 0; v = variants.nextSetBit(v + 1)) {
            CacheProblem.Variant variant = problem.variant(v);
            names.add(problem.modelId(variant.model()) + "@" + variant.precision());
        }
        return names.isEmpty() ? "-" : String.join(", ", names);
    }

    private Map<String, Object> toJson(Topology topology, CacheLibrary library, CacheProblem problem,
                                       CachePlacement chosen, Map<String, Double> hitRatios,
                                       CacheMigration migration) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("topology", topology.name());
        root.put("library", library.name());
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
        root.put("hitRatios", hitRatios);
        if (migration != null) {
            root.put("migration", migration.changes());
        }
        return root;
    }
}
