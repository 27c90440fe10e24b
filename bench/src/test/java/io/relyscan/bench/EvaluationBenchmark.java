package io.relyscan.bench;

import io.relyscan.core.engine.EngineSettings;
import io.relyscan.core.engine.RuleEngine;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Rule;
import io.relyscan.rules.BuiltInRules;
import org.junit.jupiter.api.Test;

import io.relyscan.report.snapshot.InventorySnapshots;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation and snapshot benchmark's smoke test, and the engine set-up shared by the harness. The real
 * benchmark runs each size in its own JVM with a 2 GiB heap ({@link BenchmarkMain}, started by
 * {@code scripts/benchmark}); here one small size runs in-process, only to check that the harness works and that
 * the synthetic estate exercises every rule. Timings are printed, never asserted.
 */
class EvaluationBenchmark {
    static final long SEED = 20261128L;

    /** Shown in the per-rule table: an evaluation with no rule, i.e. the engine's own per-evaluation work. */
    static final String ENGINE_ONLY = "(engine alone, no rule)";

    @Test
    void smoke_harnessEvaluatesEveryRuleOverASyntheticEstate(@TempDir Path dir) throws IOException {
        Map<String, String> m = new SizeRun(System.out).run(2_000, 1, true, dir);
        assertThat(Integer.parseInt(m.get("resources"))).isBetween(1_900, 2_300);
        assertThat(m).containsKeys("evaluatePeakLiveBytes", "snapshotBytes", "snapshotReadMillis",
                "rule.backup-resource-assigned", "rule.");
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
        System.out.println(BenchmarkTables.render(List.of(m)));
    }

    @Test
    void snapshotOfTheSyntheticEstate_readsBackEqual(@TempDir Path dir) {
        Inventory inventory = SyntheticEstate.build(2_000, SEED);
        Path file = dir.resolve("inventory.json");
        InventorySnapshots.write(inventory, file);
        assertThat(InventorySnapshots.read(file)).isEqualTo(inventory);
    }

    /** The engine as a configuration with a tier-1 section sets it up: default parameters, tier-1 by tag. */
    static RuleEngine engine(List<Rule> rules) {
        return new RuleEngine(rules, EngineSettings.defaults().withTier1(SyntheticEstate.TIER1));
    }
}
