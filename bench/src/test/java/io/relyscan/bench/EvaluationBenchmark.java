package io.relyscan.bench;

import io.relyscan.core.engine.EngineSettings;
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

    /** Shown in the per-rule table: an evaluation with no rule, i.e. the engine's own per-evaluation work. */
    static final String ENGINE_ONLY = "(engine alone, no rule)";

    record Measurement(int requested, int resources, long buildMillis, List<Long> evaluateMillis, int findings,
                       long allocatedBytes, Map<String, Long> perRuleMillis, Map<String, Long> perRuleBytes) {
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
        List<Finding> findings = engine(BuiltInRules.all()).evaluate(inventory);
        assertThat(findings).extracting(Finding::outcome).contains(Outcome.PASS, Outcome.FAIL);
        assertThat(findings.stream().filter(f -> f.outcome() == Outcome.ERROR)
                .map(f -> f.ruleId() + ": " + f.message() + " " + f.evidence()).distinct().limit(10).toList())
                .as("no rule errors").isEmpty();
        assertThat(findings.stream().map(Finding::ruleId).distinct().count())
                .as("every rule produced findings").isEqualTo(BuiltInRules.all().size());
        Map<String, java.util.Set<Outcome>> outcomes = new TreeMap<>();
        findings.forEach(f -> outcomes.computeIfAbsent(f.ruleId(), k -> java.util.EnumSet.noneOf(Outcome.class))
                .add(f.outcome()));
        // backup-plan-exists can only fail in a region without plans, and every region of the estate has some.
        assertThat(outcomes.entrySet().stream().filter(e -> !e.getValue().contains(Outcome.PASS)
                || !e.getValue().contains(Outcome.FAIL) && !e.getKey().equals("backup-plan-exists"))
                .map(Map.Entry::toString).toList())
                .as("every rule both passes and fails somewhere in the estate").isEmpty();
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
            results.add(measure(size, size >= 1_000_000 ? 3 : 5, true));
            System.gc();
        }
        String report = table(results) + "\n" + perRule(results);
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
            findings = engine(rules).evaluate(inventory).size();
            times.add((System.nanoTime() - t0) / 1_000_000);
            allocated = threads.getCurrentThreadAllocatedBytes() - a0;
        }
        Map<String, Long> byRule = new TreeMap<>();
        Map<String, Long> bytesByRule = new TreeMap<>();
        if (perRule) {
            List<List<Rule>> each = new ArrayList<>();
            each.add(List.of());
            rules.forEach(rule -> each.add(List.of(rule)));
            for (List<Rule> one : each) {
                String id = one.isEmpty() ? ENGINE_ONLY : one.get(0).metadata().id();
                System.gc();
                long a0 = threads.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                engine(one).evaluate(inventory);
                byRule.put(id, (System.nanoTime() - t0) / 1_000_000);
                bytesByRule.put(id, threads.getCurrentThreadAllocatedBytes() - a0);
            }
        }
        return new Measurement(size, inventory.resources().size(), buildMillis, times, findings, allocated, byRule,
                bytesByRule);
    }

    /** The engine as a configuration with a tier-1 section sets it up: default parameters, tier-1 by tag. */
    static RuleEngine engine(List<Rule> rules) {
        return new RuleEngine(rules, EngineSettings.defaults().withTier1(SyntheticEstate.TIER1));
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

    /**
     * Per rule (each evaluated alone, one run, engine overhead included) at the largest size: time, allocation,
     * and allocation per resource relative to the smallest size, which shows a rule whose work grows faster than
     * the estate.
     */
    static String perRule(List<Measurement> results) {
        Measurement first = results.get(0);
        Measurement m = results.get(results.size() - 1);
        if (m.perRuleMillis().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Per rule at %,d resources (each rule "
                + "alone, one run):%n%n| rule | ms | KB allocated per resource | allocation per resource vs %,d |%n"
                + "|---|---:|---:|---:|%n", m.resources(), first.resources()));
        m.perRuleMillis().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> {
                    double perResource = (double) m.perRuleBytes().get(e.getKey()) / m.resources();
                    double basePerResource = (double) first.perRuleBytes().getOrDefault(e.getKey(), 0L)
                            / first.resources();
                    sb.append(String.format(Locale.ROOT, "| %s | %,d | %.3f | %.2f |%n", e.getKey(), e.getValue(),
                            perResource / 1024, basePerResource == 0 ? 0.0 : perResource / basePerResource));
                });
        return sb.toString();
    }
}
