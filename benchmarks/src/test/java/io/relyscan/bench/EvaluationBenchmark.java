package io.relyscan.bench;

import io.relyscan.core.engine.RuleEngine;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Rule;
import io.relyscan.rules.BuiltInRules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the evaluation time of the full built-in catalog over synthetic estates of growing size and reports
 * how it scales (time per resource relative to the smallest size: 1.0 is perfectly linear). Without
 * {@code -Drelyscan.benchmark.sizes} it is a smoke test of the harness at a small size; timings are reported,
 * never asserted. Run the real thing with {@code scripts/benchmark}.
 */
class EvaluationBenchmark {
    private static final long SEED = 20261128L;

    record Measurement(int requested, int resources, long buildMillis, List<Long> evaluateMillis, int findings,
                       long allocatedBytes, Map<String, Long> perRuleMillis) {
        long median() {
            List<Long> sorted = evaluateMillis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        double microsPerResource() {
            return median() * 1000.0 / resources;
        }

        /** Bytes allocated by one evaluation per resource: a machine-independent measure of the work done. */
        double allocatedPerResource() {
            return (double) allocatedBytes / resources;
        }
    }

    @Test
    void smoke_harnessEvaluatesEveryRuleOverASyntheticEstate() {
        Measurement m = measure(2_000, 1, false);
        assertThat(m.resources()).isBetween(1_900, 2_300);
        Inventory inventory = SyntheticEstate.build(2_000, SEED);
        List<Finding> findings = RuleEngine.withDefaults(BuiltInRules.all()).evaluate(inventory);
        assertThat(findings).extracting(Finding::outcome).contains(Outcome.PASS, Outcome.FAIL)
                .doesNotContain(Outcome.ERROR);
        assertThat(findings.stream().map(Finding::ruleId).distinct().count())
                .as("every rule produced findings").isEqualTo(BuiltInRules.all().size());
        System.out.println(table(List.of(m)));
    }

    @Test
    void benchmark_whenSizesAreGiven() throws IOException {
        String sizes = System.getProperty("relyscan.benchmark.sizes", "");
        org.junit.jupiter.api.Assumptions.assumeFalse(sizes.isBlank(), "set -Drelyscan.benchmark.sizes");
        measure(2_000, 3, false); // warm up the JIT on a small estate
        List<Measurement> results = new ArrayList<>();
        int[] requested = Arrays.stream(sizes.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        for (int i = 0; i < requested.length; i++) {
            int size = requested[i];
            results.add(measure(size, size >= 1_000_000 ? 3 : 5, i == requested.length - 1));
            System.gc();
        }
        String report = table(results) + "\n" + perRule(results.get(results.size() - 1));
        System.out.println(report);
        String target = System.getProperty("relyscan.benchmark.report", "");
        if (!target.isBlank()) {
            Files.writeString(Path.of(target), report, StandardCharsets.UTF_8);
        }
    }

    private static Measurement measure(int size, int runs, boolean perRule) {
        long start = System.nanoTime();
        Inventory inventory = SyntheticEstate.build(size, SEED);
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        List<Rule> rules = BuiltInRules.all();
        List<Long> times = new ArrayList<>();
        int findings = 0;
        long allocated = 0;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < runs; r++) {
            // Start every run from a collected heap so one run's garbage does not bill the next.
            System.gc();
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            findings = RuleEngine.withDefaults(rules).evaluate(inventory).size();
            times.add((System.nanoTime() - t0) / 1_000_000);
            allocated = threads.getCurrentThreadAllocatedBytes() - a0;
        }
        Map<String, Long> byRule = new TreeMap<>();
        if (perRule) {
            for (Rule rule : rules) {
                System.gc();
                long t0 = System.nanoTime();
                RuleEngine.withDefaults(List.of(rule)).evaluate(inventory);
                byRule.put(rule.metadata().id(), (System.nanoTime() - t0) / 1_000_000);
            }
        }
        return new Measurement(size, inventory.resources().size(), buildMillis, times, findings, allocated, byRule);
    }

    static String table(List<Measurement> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| resources | findings | evaluate, median (ms) | runs (ms) | µs per resource "
                + "| time per resource vs smallest | KB allocated per resource | allocation per resource vs smallest |\n");
        sb.append("|---:|---:|---:|---|---:|---:|---:|---:|\n");
        double base = results.get(0).microsPerResource();
        double baseAlloc = results.get(0).allocatedPerResource();
        for (Measurement m : results) {
            sb.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %s | %.2f | %.2f | %.2f | %.2f |%n",
                    m.resources(), m.findings(), m.median(), m.evaluateMillis(), m.microsPerResource(),
                    base == 0 ? 0.0 : m.microsPerResource() / base, m.allocatedPerResource() / 1024,
                    baseAlloc == 0 ? 0.0 : m.allocatedPerResource() / baseAlloc));
        }
        return sb.toString();
    }

    static String perRule(Measurement m) {
        if (m.perRuleMillis().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Per rule at %,d resources (one run each, ms):%n%n| rule | ms |%n|---|---:|%n", m.resources()));
        m.perRuleMillis().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> sb.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
        return sb.toString();
    }
}
