package io.relyscan.cli;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
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
}
