package io.relyscan.bench.collection;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The collection benchmark's results as Markdown: one row per --concurrency (calls against the minimum, wall time
 * against the critical path and the throughput bound, and against the single-threaded run), then every operation
 * whose measured count differs from the minimum.
 */
final class CollectionReport {
    /** The default overall cap on requests in flight (--max-in-flight, ResilienceSettings.defaults). */
    static final int DEFAULT_IN_FLIGHT = 16;

    private final EstateShape shape;
    private final Duration latency;
    private final Duration built;
    private final List<ScanRun> runs;

    CollectionReport(EstateShape shape, Duration latency, Duration built, List<ScanRun> runs) {
        this.shape = shape;
        this.latency = latency;
        this.built = built;
        this.runs = List.copyOf(runs);
    }

    String markdown() {
        Map<String, Long> minimum = MinimumCalls.of(shape);
        long minimumTotal = minimum.values().stream().mapToLong(Long::longValue).sum();
        ScanRun serial = runs.stream().filter(r -> r.concurrency() == 1 && r.maxInFlight() == 0).findFirst()
                .orElse(null);
        double service = serial != null ? serial.medianUpstreamMillis()
                : runs.stream().mapToDouble(ScanRun::medianUpstreamMillis).min().orElse(0);
        double perCall = latency.toMillis() + service;
        int pathCalls = MinimumCalls.criticalPathCalls(shape);
        double criticalPath = pathCalls * perCall;
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Estate: %d accounts x %d regions (%s), about %,d resources "
                        + "(%d instances, %d load balancers, %d alarms, %d DB instances per account and region); "
                        + "built in %d s. Latency added per call: %d ms; median moto service time per call "
                        + "(%s): %.1f ms.%n%n", shape.accounts(), shape.regions().size(),
                String.join(", ", shape.regions()), shape.resourcesPerScope() * shape.scopes(),
                shape.instancesPerScope(), shape.loadBalancers() + shape.classicElbs(), shape.alarms(),
                shape.dbInstances(), built.toSeconds(), latency.toMillis(),
                serial != null ? "single-threaded run" : "least of the runs", service));
        md.append(String.format(Locale.ROOT, "Minimum calls (model): %,d. Critical path: %d calls x %.1f ms = "
                + "%.0f ms. Throughput bound: calls sent x %.1f ms / the cap on requests in flight "
                + "(--max-in-flight, default %d). moto's total "
                + "service time in the single-threaded run: %s.%n%n", minimumTotal, pathCalls, perCall, criticalPath,
                perCall, DEFAULT_IN_FLIGHT, serial == null ? "-"
                        : String.format(Locale.ROOT, "%.1f s", serial.totalUpstreamMillis() / 1000)));
        md.append("| --concurrency / --max-in-flight | exit | wall (s) | calls sent | vs minimum | max in flight | "
                + "mean in flight | "
                + "wall / critical path | wall / throughput bound | single-threaded / wall |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScanRun r : runs) {
            double wall = r.wallMillis();
            double bound = r.calls().size() * perCall / r.inFlightCap();
            double meanInFlight = (r.calls().size() * (double) latency.toMillis() + r.totalUpstreamMillis()) / wall;
            md.append(String.format(Locale.ROOT, "| %s | %d%s | %.1f | %,d | %.3f | %d | %.1f | %.1f | %.2f | %s |%n",
                    r.label(), r.exitCode(), r.complete() ? "" : " (incomplete)", wall / 1000,
                    r.calls().size(), (double) r.calls().size() / minimumTotal, r.proxyInFlight(), meanInFlight,
                    wall / criticalPath, wall / bound,
                    serial == null ? "-" : String.format(Locale.ROOT, "%.2f", serial.wallMillis() / wall)));
        }
        if (serial != null) {
            Map<String, Double> upstream = new java.util.HashMap<>();
            serial.calls().forEach(c -> upstream.merge(c.service() + " " + c.operation(), c.upstreamNanos() / 1e6,
                    Double::sum));
            md.append(String.format(Locale.ROOT, "%nWhere moto's time goes (single-threaded run, top 6 of %.1f s):"
                    + "%n%n| operation | calls | moto time (s) |%n|---|---:|---:|%n",
                    serial.totalUpstreamMillis() / 1000));
            Map<String, Integer> counts = LatencyProxy.countByOperation(serial.calls());
            upstream.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                    .forEach(e -> md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f |%n", e.getKey(),
                            counts.get(e.getKey()), e.getValue() / 1000)));
        }
        ScanRun reference = runs.stream().filter(r -> r.concurrency() == 8 && r.maxInFlight() == 0).findFirst()
                .orElse(runs.isEmpty() ? null : runs.get(runs.size() - 1));
        if (reference != null) {
            Map<String, Integer> measured = LatencyProxy.countByOperation(reference.calls());
            md.append(String.format(Locale.ROOT, "%nOperations whose count differs from the minimum "
                    + "(--concurrency %s run):%n%n| operation | sent | minimum |%n|---|---:|---:|%n",
                    reference.label()));
            TreeSet<String> operations = new TreeSet<>(minimum.keySet());
            operations.addAll(measured.keySet());
            boolean any = false;
            for (String op : operations) {
                long sent = measured.getOrDefault(op, 0);
                long min = minimum.getOrDefault(op, 0L);
                if (sent != min) {
                    any = true;
                    md.append(String.format(Locale.ROOT, "| %s | %,d | %,d%s |%n", op, sent, min,
                            minimum.containsKey(op) ? "" : " (not in the model)"));
                }
            }
            if (!any) {
                md.append("| (none) | | |\n");
            }
        }
        return md.toString();
    }
}
