package io.relyscan.cli;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.WaiverSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {
    private static Finding finding(Outcome outcome, Severity severity) {
        return new Finding(null, "rds-instance-multi-az", "arn:aws:rds:us-east-1:111122223333:db:" + outcome
                + severity, "DbInstance", "db", InventoryFixture.ACCOUNT, InventoryFixture.REGION, outcome, severity,
                "msg", Map.of(), Map.of());
    }

    private static ScanReport report(Inventory inventory, Finding... findings) {
        return ScanReport.of("test", inventory, List.of(), List.of(findings));
    }

    @Test
    void of_whenNoFailures_isClean() {
        ScanReport r = report(InventoryFixture.create().build(), finding(Outcome.PASS, Severity.HIGH));
        assertThat(Verdict.of(r, Optional.of(Severity.HIGH))).isEqualTo(ExitCode.CLEAN);
    }

    @Test
    void of_whenFailureBelowThreshold_isClean() {
        ScanReport r = report(InventoryFixture.create().build(), finding(Outcome.FAIL, Severity.MEDIUM));
        assertThat(Verdict.of(r, Optional.of(Severity.HIGH))).isEqualTo(ExitCode.CLEAN);
        assertThat(Verdict.of(r, Optional.of(Severity.MEDIUM))).isEqualTo(ExitCode.FAILURES);
        assertThat(Verdict.of(r, Optional.empty())).isEqualTo(ExitCode.CLEAN);
    }

    @Test
    void of_whenIncompleteAndFailing_incompleteWins() {
        Inventory inv = InventoryFixture.create().failed(AwsService.RDS).build();
        ScanReport r = report(inv, finding(Outcome.FAIL, Severity.CRITICAL));
        assertThat(Verdict.of(r, Optional.of(Severity.HIGH))).isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void of_whenAnErrorFinding_isIncomplete() {
        ScanReport r = report(InventoryFixture.create().build(), finding(Outcome.ERROR, Severity.LOW));
        assertThat(Verdict.of(r, Optional.of(Severity.HIGH))).isEqualTo(ExitCode.INCOMPLETE);
    }

    // ---- with a baseline: the gate counts NEW failures only ---------------------------------------------

    private static Finding named(String name, Outcome outcome, Severity severity) {
        return new Finding(null, "rds-instance-multi-az", "arn:aws:rds:us-east-1:111122223333:db:" + name,
                "DbInstance", name, InventoryFixture.ACCOUNT, InventoryFixture.REGION, outcome, severity, "msg",
                Map.of(), Map.of());
    }

    private static ScanReport compared(List<Finding> before, Finding... now) {
        Inventory inv = InventoryFixture.create().build();
        ScanReport current = report(inv, now);
        return current.withBaseline(BaselineComparison.of("main/relyscan-report.json",
                ScanReport.of("test", inv, List.of(), before), current));
    }

    @Test
    void of_withBaseline_onlyPersistingFailures_isClean() {
        Finding orders = named("orders", Outcome.FAIL, Severity.HIGH);
        Finding billing = named("billing", Outcome.FAIL, Severity.CRITICAL);
        ScanReport r = compared(List.of(orders, billing), orders, billing);

        assertThat(Verdict.of(r, Optional.of(Severity.HIGH))).isEqualTo(ExitCode.CLEAN);
        assertThat(Verdict.describe(ExitCode.CLEAN, r, Optional.of(Severity.HIGH))).isEqualTo(
                "No new failing findings at or above HIGH (exit 0); 2 persisting not counted "
                        + "(baseline: main/relyscan-report.json).");
    }

    @Test
    void of_withBaseline_aNewFailureAtOrAboveTheGate_fails() {
        Finding orders = named("orders", Outcome.FAIL, Severity.HIGH);
        ScanReport r = compared(List.of(orders), orders, named("billing", Outcome.FAIL, Severity.HIGH),
                named("web", Outcome.FAIL, Severity.MEDIUM));

        assertThat(Verdict.of(r, Optional.of(Severity.HIGH))).isEqualTo(ExitCode.FAILURES);
        assertThat(Verdict.describe(ExitCode.FAILURES, r, Optional.of(Severity.HIGH))).isEqualTo(
                "New failing findings at or above HIGH: 1 (exit 1); 1 persisting not counted "
                        + "(baseline: main/relyscan-report.json).");
        assertThat(Verdict.of(r, Optional.of(Severity.CRITICAL))).isEqualTo(ExitCode.CLEAN);
        assertThat(Verdict.of(r, Optional.empty())).isEqualTo(ExitCode.CLEAN);
    }

    @Test
    void of_withBaseline_aNewWaivedFailure_isNotCounted() {
        Finding waived = named("reports", Outcome.FAIL, Severity.CRITICAL).withOutcome(Outcome.SUPPRESSED, "msg",
                Map.of(WaiverSet.WAIVED_OUTCOME, Outcome.FAIL.name()));
        ScanReport r = compared(List.of(), waived);

        assertThat(Verdict.of(r, Optional.of(Severity.INFO))).isEqualTo(ExitCode.CLEAN);
    }

    @Test
    void of_withBaseline_incompleteStillWins() {
        Inventory inv = InventoryFixture.create().failed(AwsService.RDS).build();
        ScanReport current = report(inv, named("new", Outcome.FAIL, Severity.CRITICAL));
        ScanReport r = current.withBaseline(BaselineComparison.of("b.json", report(inv), current));

        assertThat(Verdict.of(r, Optional.of(Severity.HIGH))).isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void describe_withoutBaseline_countsEveryFailure() {
        ScanReport r = report(InventoryFixture.create().build(), named("a", Outcome.FAIL, Severity.HIGH),
                named("b", Outcome.FAIL, Severity.CRITICAL));

        assertThat(Verdict.describe(ExitCode.FAILURES, r, Optional.of(Severity.HIGH)))
                .isEqualTo("Failing findings at or above HIGH: 2 (exit 1).");
        assertThat(Verdict.baselineSummary(r)).isEmpty();
    }

    @Test
    void baselineSummary_countsEachStatus() {
        Finding persisting = named("orders", Outcome.FAIL, Severity.HIGH);
        ScanReport r = compared(List.of(persisting, named("fixed", Outcome.FAIL, Severity.LOW)), persisting,
                named("fixed", Outcome.PASS, Severity.LOW), named("new", Outcome.FAIL, Severity.LOW));

        assertThat(Verdict.baselineSummary(r)).contains("Baseline main/relyscan-report.json (captured "
                + InventoryFixture.CAPTURED_AT + "): failures 1 new, 1 persisting, 1 resolved, 0 not rechecked "
                + "(waived failures included).");
    }
}
