package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class RdsEnhancedMonitoringRuleTest {
    private final RdsEnhancedMonitoringRule rule = new RdsEnhancedMonitoringRule();

    @Test
    void evaluate_whenIntervalWithinMaximum_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.monitoringInterval(15)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("MonitoringInterval", 15);
        assertThat(f.parameters()).containsEntry("maximumIntervalSeconds", "60");
    }

    @Test
    void evaluate_whenMonitoringOff_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.monitoringInterval(0)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void evaluate_whenCoarserThanConfiguredMaximum_failsOneLevelLower() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.monitoringInterval(60)).build(),
                Map.of("maximumIntervalSeconds", "15")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void evaluate_auroraMembersAreEvaluated_documentDbIsNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("aurora-1", db -> db.engine("aurora-mysql").cluster("aurora").monitoringInterval(0))
                .dbInstance("docs", db -> db.engine("docdb").monitoringInterval(0)).build());

        assertThat(finding(findings, "aurora-1").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "docs").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenCompleteAnswerOmitsInterval_failsNeverPasses() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.monitoringInterval(null)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("returned no MonitoringInterval");
        assertThat(f.evidence()).containsEntry("MonitoringInterval", null);
    }

    @Test
    void evaluate_whenIntervalMissingAndRdsPartial_errors() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.monitoringInterval(null))
                .coverage(AwsService.RDS, io.relyscan.core.inventory.CollectionStatus.PARTIAL,
                        io.relyscan.core.inventory.GapReason.THROTTLED).build());
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule,
                InventoryFixture.create().dbInstance("orders", db -> db).failed(AwsService.RDS).build());
    }
}
