package io.relyscan.bench;

import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Rule;
import io.relyscan.report.snapshot.InventorySnapshots;
import io.relyscan.rules.BuiltInRules;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One size of the evaluation benchmark, meant to run alone in its own JVM (so that the heap it reports is
 * its own and {@code -Xmx} bounds it): builds the synthetic estate, warms the JIT on a small one, times
 * {@code runs} evaluations of the whole catalog, writes every report format ({@link ReportPhase}), optionally
 * evaluates each rule alone, then writes the inventory
 * snapshot, drops the inventory and reads the snapshot back, each phase with its peak heap ({@link HeapProbe}).
 * Prints one {@code RESULT key=value} line per figure; {@link BenchmarkMain} collects them.
 *
 * <pre>java -Xmx2g -cp ... io.relyscan.bench.SizeRun SIZE RUNS PER_RULE(true|false) SNAPSHOT_DIR|-</pre>
 */
final class SizeRun {
    static final String PREFIX = "RESULT ";

    private final Map<String, String> results = new LinkedHashMap<>();
    private final PrintStream out;

    SizeRun(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        int size = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        boolean perRule = Boolean.parseBoolean(args[2]);
        Path snapshotDir = args.length > 3 && !args[3].equals("-") ? Path.of(args[3]) : null;
        new SizeRun(System.out).run(size, runs, perRule, snapshotDir);
    }

    Map<String, String> run(int size, int runs, boolean perRule, Path snapshotDir) throws IOException {
        HeapProbe heap = new HeapProbe();
        put("size", size);
        put("jvm", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        put("processors", Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < 3; i++) { // warm up the JIT on a small estate
            EvaluationBenchmark.engine(BuiltInRules.all()).evaluate(SyntheticEstate.build(2_000, i));
        }

        heap.start();
        long t0 = System.nanoTime();
        Inventory inventory = SyntheticEstate.build(size, EvaluationBenchmark.SEED);
        put("buildMillis", (System.nanoTime() - t0) / 1_000_000);
        put("resources", inventory.resources().size());
        put("inventoryLiveBytes", heap.stop().peakLiveBytes());

        List<Rule> rules = BuiltInRules.all();
        List<Long> times = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        put("loadAverageBefore", String.format(java.util.Locale.ROOT, "%.1f", os().getSystemLoadAverage()));
        heap.start();
        long allocated = 0;
        List<Finding> last = null; // the last run's findings stay reachable until the heap is measured
        for (int r = 0; r < runs; r++) {
            last = null;
            System.gc(); // every run starts from a collected heap, so one run's garbage does not bill the next
            long a0 = Allocation.bytes();
            long cpu0 = os().getProcessCpuTime();
            long start = System.nanoTime();
            last = EvaluationBenchmark.engine(rules).evaluate(inventory);
            int findings = last.size();
            times.add((System.nanoTime() - start) / 1_000_000);
            cpu.add((os().getProcessCpuTime() - cpu0) / 1_000_000);
            allocated = Allocation.bytes() - a0;
            put("findings", findings);
            progress("evaluate run " + (r + 1) + "/" + runs + ": " + times.get(times.size() - 1) + " ms");
        }
        HeapProbe.Usage evaluation = heap.stop();
        java.lang.ref.Reference.reachabilityFence(last);
        put("evaluateMillis", times.stream().map(String::valueOf).collect(Collectors.joining(",")));
        put("evaluateCpuMillis", cpu.stream().map(String::valueOf).collect(Collectors.joining(",")));
        put("loadAverageAfter", String.format(java.util.Locale.ROOT, "%.1f", os().getSystemLoadAverage()));
        put("allocatedBytes", allocated);
        put("evaluatePeakLiveBytes", evaluation.peakLiveBytes());
        put("evaluateLiveAtEndBytes", evaluation.liveAtEndBytes());
        put("evaluatePeakUsedBytes", evaluation.peakUsedBytes());

        if (snapshotDir != null) {
            // what a scan does next: waivers, baseline, and every file report written, as in the CLI
            ReportPhase.run(inventory, rules, last, snapshotDir.resolve("reports-" + size), heap, this::put);
        }
        last = null;

        if (perRule) {
            List<List<Rule>> each = new ArrayList<>();
            each.add(List.of());
            rules.forEach(rule -> each.add(List.of(rule)));
            for (List<Rule> one : each) {
                String id = one.isEmpty() ? "" : one.get(0).metadata().id();
                System.gc();
                long a0 = Allocation.bytes();
                long start = System.nanoTime();
                EvaluationBenchmark.engine(one).evaluate(inventory);
                put("rule." + id, ((System.nanoTime() - start) / 1_000_000) + "," + (Allocation.bytes() - a0));
            }
        }

        if (snapshotDir != null) {
            Files.createDirectories(snapshotDir);
            Path file = snapshotDir.resolve("inventory-" + size + ".json");
            heap.start();
            long start = System.nanoTime();
            InventorySnapshots.write(inventory, file);
            put("snapshotWriteMillis", (System.nanoTime() - start) / 1_000_000);
            put("snapshotWritePeakLiveBytes", heap.stop().peakLiveBytes());
            put("snapshotBytes", Files.size(file));
            int expected = inventory.resources().size();
            inventory = null; // reading is measured without the original in the heap
            heap.start();
            start = System.nanoTime();
            Inventory read = InventorySnapshots.read(file);
            put("snapshotReadMillis", (System.nanoTime() - start) / 1_000_000);
            HeapProbe.Usage reading = heap.stop();
            put("snapshotReadPeakLiveBytes", reading.peakLiveBytes());
            put("snapshotReadLiveBeforeBytes", reading.liveAtStartBytes());
            if (read.resources().size() != expected) {
                throw new IllegalStateException("snapshot read back " + read.resources().size() + " resources, wrote "
                        + expected);
            }
            Files.delete(file);
        }
        return results;
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        return (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    private void put(String key, Object value) {
        results.put(key, String.valueOf(value));
        out.println(PREFIX + key + "=" + value);
        out.flush();
    }

    private void progress(String message) {
        out.println("  " + message);
        out.flush();
    }

    /** Bytes allocated so far by every live thread (the engine may evaluate on more than the caller's). */
    static final class Allocation {
        private Allocation() {
        }

        static long bytes() {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                sum += Math.max(0, b);
            }
            return sum;
        }
    }
}
