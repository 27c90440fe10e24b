package io.relyscan.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the results of {@link SizeRun}s (one map per size, smallest first) as Markdown tables. */
final class BenchmarkTables {
    static final long TARGET_MILLIS = 10_000;
    static final long TARGET_HEAP_BYTES = 2L * 1024 * 1024 * 1024;
    private static final double MIB = 1024.0 * 1024;

    private BenchmarkTables() {
    }

    static String render(List<Map<String, String>> results) {
        return evaluation(results) + "\n" + snapshots(results) + "\n" + reports(results) + "\n" + targets(results)
                + "\n" + perRule(results);
    }

    static long median(Map<String, String> r) {
        long[] runs = Arrays.stream(r.get("evaluateMillis").split(",")).mapToLong(Long::parseLong).sorted().toArray();
        return runs[runs.length / 2];
    }

    private static long num(Map<String, String> r, String key) {
        String v = r.get(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static double micros(Map<String, String> r) {
        return median(r) * 1000.0 / num(r, "resources");
    }

    private static double allocated(Map<String, String> r) {
        return (double) num(r, "allocatedBytes") / num(r, "resources");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes / MIB);
    }

    static String evaluation(List<Map<String, String>> results) {
        StringBuilder sb = new StringBuilder("| resources | findings | evaluate, median (ms) | runs (ms) "
                + "| µs per resource | time per resource vs smallest | KB allocated per resource "
                + "| allocation per resource vs smallest | inventory, live heap (MiB) | inventory + findings, live heap "
                + "(MiB) | evaluation, peak heap after GC (MiB) | evaluation, peak heap used (MiB) | CPU time per run, all threads incl. GC (ms) | load average "
                + "before/after |\n|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        double base = micros(results.get(0));
        double baseAlloc = allocated(results.get(0));
        for (Map<String, String> r : results) {
            sb.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %s | %.2f | %.2f | %.2f | %.2f | %s | %s | %s | %s "
                            + "| %s | %s / %s |%n",
                    num(r, "resources"), num(r, "findings"), median(r), r.get("evaluateMillis").replace(",", ", "),
                    micros(r), base == 0 ? 0.0 : micros(r) / base, allocated(r) / 1024,
                    baseAlloc == 0 ? 0.0 : allocated(r) / baseAlloc, mib(num(r, "inventoryLiveBytes")),
                    mib(num(r, "evaluateLiveAtEndBytes")), mib(num(r, "evaluatePeakLiveBytes")), mib(num(r, "evaluatePeakUsedBytes")),
                    r.getOrDefault("evaluateCpuMillis", "").replace(",", ", "), r.get("loadAverageBefore"),
                    r.get("loadAverageAfter")));
        }
        return sb.toString();
    }

    static String snapshots(List<Map<String, String>> results) {
        if (!results.get(0).containsKey("snapshotBytes")) {
            return "";
        }
        StringBuilder sb = new StringBuilder("| resources | snapshot size (MiB) | bytes per resource | write (ms) "
                + "| write, peak heap after GC (MiB) | read (ms) | read, peak heap after GC (MiB) "
                + "| read ms per resource vs smallest |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, String> first = results.get(0);
        double baseRead = (double) num(first, "snapshotReadMillis") / num(first, "resources");
        for (Map<String, String> r : results) {
            double read = (double) num(r, "snapshotReadMillis") / num(r, "resources");
            sb.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %,d | %s | %,d | %s | %.2f |%n",
                    num(r, "resources"), mib(num(r, "snapshotBytes")), num(r, "snapshotBytes") / num(r, "resources"),
                    num(r, "snapshotWriteMillis"), mib(num(r, "snapshotWritePeakLiveBytes")),
                    num(r, "snapshotReadMillis"), mib(num(r, "snapshotReadPeakLiveBytes")),
                    baseRead == 0 ? 0.0 : read / baseRead));
        }
        return sb.toString();
    }

    /**
     * The report phase ({@link ReportPhase}): waivers and baseline, then each format written to a file: time,
     * size, and peak heap after GC while writing it above what was live before (the findings themselves).
     */
    static String reports(List<Map<String, String>> results) {
        if (!results.get(0).containsKey("waiversMillis")) {
            return "";
        }
        StringBuilder sb = new StringBuilder("| resources | findings | waivers applied (ms) | baseline compared (ms) "
                + "| format | write (ms) | size (MiB) | extra peak heap while writing (MiB) "
                + "| write ms per finding vs smallest |\n|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        Map<String, String> first = results.get(0);
        for (Map<String, String> r : results) {
            for (String format : ReportPhase.FORMATS) {
                String[] v = r.getOrDefault("report." + format, "0,0,0,0").split(",");
                String[] b = first.getOrDefault("report." + format, "0,0,0,0").split(",");
                double perFinding = Double.parseDouble(v[0]) / num(r, "findings");
                double basePerFinding = Double.parseDouble(b[0]) / num(first, "findings");
                sb.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d | %s | %,d | %s | %s | %.2f |%n",
                        num(r, "resources"), num(r, "findings"), num(r, "waiversMillis"), num(r, "baselineMillis"),
                        format, Long.parseLong(v[0]), mib(Long.parseLong(v[1])),
                        mib(Math.max(0, Long.parseLong(v[2]) - Long.parseLong(v[3]))),
                        basePerFinding == 0 ? 0.0 : perFinding / basePerFinding));
            }
        }
        return sb.toString();
    }

    /** Whether the largest size meets the targets: evaluated in under 10 s, within a heap under 2 GiB. */
    static String targets(List<Map<String, String>> results) {
        Map<String, String> largest = results.get(results.size() - 1);
        long max = num(largest, "maxHeapBytes");
        return String.format(Locale.ROOT, "Largest size, %,d resources, on %d processors, JVM `%s`: evaluation "
                        + "median %,d ms (target < %,d ms: %s); maximum heap %s MiB (target < 2 GiB: %s), peak heap "
                        + "after GC while evaluating %s MiB.%n",
                num(largest, "resources"), num(largest, "processors"), largest.get("jvm"), median(largest),
                TARGET_MILLIS, median(largest) < TARGET_MILLIS ? "met" : "NOT met", mib(max),
                max <= TARGET_HEAP_BYTES ? "met" : "NOT met (run with -Xmx2g)",
                mib(num(largest, "evaluatePeakLiveBytes")));
    }

    /**
     * Per rule (each evaluated alone, one run, engine overhead included) at the largest size: time, allocation,
     * and allocation per resource relative to the smallest size, which shows a rule whose work grows faster than
     * the estate. The row with an empty id is the engine alone, with no rule.
     */
    static String perRule(List<Map<String, String>> results) {
        Map<String, String> first = results.get(0);
        Map<String, String> m = results.get(results.size() - 1);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Per rule at %,d resources (each rule "
                + "alone, one run):%n%n| rule | ms | KB allocated per resource | allocation per resource vs %,d |%n"
                + "|---|---:|---:|---:|%n", num(m, "resources"), num(first, "resources")));
        m.entrySet().stream().filter(e -> e.getKey().startsWith("rule."))
                .sorted(Comparator.comparing((Map.Entry<String, String> e) -> -Long.parseLong(e.getValue().split(",")[0]))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    String[] v = e.getValue().split(",");
                    double perResource = Double.parseDouble(v[1]) / num(m, "resources");
                    String[] b = first.getOrDefault(e.getKey(), "0,0").split(",");
                    double basePerResource = Double.parseDouble(b[1]) / num(first, "resources");
                    String id = e.getKey().substring("rule.".length());
                    sb.append(String.format(Locale.ROOT, "| %s | %,d | %.3f | %.2f |%n",
                            id.isEmpty() ? EvaluationBenchmark.ENGINE_ONLY : id, Long.parseLong(v[0]),
                            perResource / 1024, basePerResource == 0 ? 0.0 : perResource / basePerResource));
                });
        return sb.toString();
    }
}
