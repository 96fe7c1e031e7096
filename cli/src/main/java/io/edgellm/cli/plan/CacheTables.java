package io.edgellm.cli.plan;

import io.edgellm.cli.TextTable;
import io.edgellm.planner.cache.CacheProblem;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The human-readable report of {@code edgellm plan-cache}: counts per server and a row per model,
 * so the width stays the same however many variants a server holds; {@code --verbose} adds each
 * server's models, wrapped and grouped by the precisions cached.
 */
final class CacheTables {

    private static final int WIDTH = 100;

    private final CacheReport report;
    private final PrintWriter out;

    private CacheTables(CacheReport report, PrintWriter out) {
        this.report = report;
        this.out = out;
    }

    static void print(CacheReport report, boolean verbose, PrintWriter out) {
        new CacheTables(report, out).print(verbose);
    }

    private void print(boolean verbose) {
        CacheProblem problem = report.problem();
        out.printf(Locale.ROOT, "%s on %s: %d edge servers, %d users, %d models in %d variants over %d blocks%n%n",
                report.library(), report.topology(), problem.servers(), problem.users(), problem.models(),
                problem.variants().size(), problem.blocks());
        servers(verbose);
        models();
        if (verbose) {
            listings();
        }
        TextTable compare = new TextTable("algorithm", "hit ratio>");
        report.hitRatios().forEach((name, ratio) -> compare.row(name, String.format(Locale.ROOT, "%.4f", ratio)));
        compare.print(out);
        report.note().ifPresent(out::println);
        report.shift().ifPresent(s -> out.printf(Locale.ROOT, "%npopularity shift (seed %d): new placement hit ratio "
                + "%.4f; migration fetches %s (a full reload would fetch %s)%n", s.seed(), s.hitRatio(),
                Format.bytes(s.migration().fetchBytes()), Format.bytes(s.fullReloadBytes())));
    }

    /** One row per server; without --verbose, servers that cache nothing are only counted. */
    private void servers(boolean verbose) {
        CacheProblem problem = report.problem();
        TextTable table = new TextTable("server", "models>", "variants>", "stored>", "budget>");
        int empty = 0;
        for (int m = 0; m < problem.servers(); m++) {
            int variants = report.chosen().variants(m).cardinality();
            if (variants == 0 && !verbose) {
                empty++;
                continue;
            }
            table.row(problem.serverId(m), report.models(m), variants,
                    Format.bytes(report.chosen().storedBytes(problem, m)), Format.bytes(problem.capacityBytes(m)));
        }
        table.print(out);
        if (empty > 0) {
            out.printf(Locale.ROOT, "%d %s%s nothing (--verbose lists every server)%n", empty,
                    empty < problem.servers() ? "other " : "", empty == 1 ? "server caches" : "servers cache");
        }
        out.println();
    }

    /** One row per model: share of requests, precisions cached anywhere, servers holding it, how well it is served. */
    private void models() {
        CacheProblem problem = report.problem();
        TextTable table = new TextTable("model", "requests>", "cached as", "servers>", "hit ratio>");
        for (int i = 0; i < problem.models(); i++) {
            Set<String> precisions = new TreeSet<>(Comparator.comparingInt(p -> report.preference(p)));
            int servers = 0;
            for (int m = 0; m < problem.servers(); m++) {
                List<String> held = report.precisions(m, i);
                precisions.addAll(held);
                servers += held.isEmpty() ? 0 : 1;
            }
            table.row(problem.modelId(i), String.format(Locale.ROOT, "%.1f%%", 100 * problem.demand(i)
                            / problem.totalDemand()), precisions.isEmpty() ? "-" : String.join(", ", precisions),
                    servers, String.format(Locale.ROOT, "%.4f", report.chosen().hitRatio(problem, i)));
        }
        table.print(out);
        out.println();
    }

    /** Each caching server's models, grouped by the precisions it holds them in. */
    private void listings() {
        CacheProblem problem = report.problem();
        for (int m = 0; m < problem.servers(); m++) {
            Map<String, List<String>> byPrecisions = new LinkedHashMap<>();
            for (int i = 0; i < problem.models(); i++) {
                List<String> held = report.precisions(m, i);
                if (!held.isEmpty()) {
                    byPrecisions.computeIfAbsent(String.join(", ", held), k -> new ArrayList<>())
                            .add(problem.modelId(i));
                }
            }
            if (byPrecisions.isEmpty()) {
                continue;
            }
            out.println(problem.serverId(m) + ":");
            byPrecisions.forEach((precisions, models) -> wrap("  " + precisions + ": ", models));
        }
        out.println();
    }

    /** Prints items separated by commas after {@code lead}, continuing lines indented under the first item. */
    private void wrap(String lead, List<String> items) {
        String indent = " ".repeat(lead.length());
        StringBuilder line = new StringBuilder(lead);
        for (int k = 0; k < items.size(); k++) {
            String item = items.get(k) + (k + 1 < items.size() ? "," : "");
            boolean startOfLine = line.length() == lead.length();
            if (!startOfLine && line.length() + 1 + item.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(indent);
                startOfLine = true;
            }
            line.append(startOfLine ? "" : " ").append(item);
        }
        out.println(line);
    }
}
