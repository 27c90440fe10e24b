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

class RdsStorageHeadroomRuleTest {
    private final RdsStorageHeadroomRule rule = new RdsStorageHeadroomRule();

    @Test
    void evaluate_whenAutoscalingHasRoom_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("AllocatedStorage", 100).containsEntry("MaxAllocatedStorage", 1000);
    }

    @Test
    void evaluate_whenAutoscalingOff_warns() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.storage(100, null)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("storage autoscaling is off");
    }

    @Test
    void evaluate_whenCeilingReached_warns() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.storage(500, 500)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("no room left");
    }

    @Test
    void evaluate_whenStoppedOrReplica_isStillEvaluated() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("stopped", db -> db.status("stopped").storage(20, null))
                .dbInstance("replica", db -> db.replicaOf("orders").storage(20, null)).build());

        assertThat(finding(findings, "stopped").message()).contains("(status: stopped)");
        assertThat(finding(findings, "replica").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenAuroraOrClusterMemberOrOtherEngine_isNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("aurora-standalone", db -> db.engine("aurora-mysql").storage(1, null))
                .dbInstance("member", db -> db.engine("postgres").cluster("maz").storage(100, null))
                .dbInstance("docs", db -> db.engine("docdb").storage(null, null)).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenAllocatedStorageOrEngineNotCollected_errors() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("no-storage", db -> db.storage(null, null))
                .dbInstance("no-engine", db -> db.engine(null)).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.ERROR);
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    @Test
    void evaluate_whenFreeStorageBelowFailPercent_failsAtRuleSeverityEvenWithAutoscaling() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .freeStorageSpace("orders", 5 * GIB).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("FreeStorageSpace is 5.0% of 100 GiB, below 10%")
                .contains("storage autoscaling can grow");
        assertThat(f.evidence()).containsEntry("FreeStorageSpace", 5 * GIB).containsEntry("FreeStoragePercent", 5.0)
                .containsEntry("FreeStorageSpaceTimestamp", "2026-11-28T11:55:00Z");
        assertThat(f.parameters()).containsEntry("freeStorageWarnPercent", "20")
                .containsEntry("freeStorageFailPercent", "10");
    }

    @Test
    void evaluate_whenFreeStorageBelowWarnPercent_warns() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .freeStorageSpace("orders", 15 * GIB).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("15.0% of 100 GiB, below 20%");
    }

    @Test
    void evaluate_whenFreeStorageAtThreshold_isNotBelowIt() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .freeStorageSpace("orders", 20 * GIB).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("20.0% of 100 GiB");
    }

    @Test
    void evaluate_whenFreeStoragePlentyButAutoscalingOff_stillWarns() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db.storage(100, null))
                .freeStorageSpace("orders", 80 * GIB).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("storage autoscaling is off").contains("80.0% of 100 GiB");
    }

    @Test
    void evaluate_whenNoDatapoint_fallsBackToAutoscaling() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .freeStorageSpace("other-db", 1 * GIB).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("no recent FreeStorageSpace datapoint");
        assertThat(f.evidence()).containsEntry("FreeStorageSpace", null).doesNotContainKey("FreeStoragePercent");
    }

    @Test
    void evaluate_whenDatapointInAnotherRegion_isNotJoined() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .region("eu-west-1").freeStorageSpace("orders", 1 * GIB).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenThresholdsOrMetricModeConfigured_usesThem() {
        InventoryFixture fixture = InventoryFixture.create().dbInstance("orders", db -> db)
                .freeStorageSpace("orders", 25 * GIB);

        assertThat(only(evaluate(rule, fixture.build(), Map.of("freeStorageWarnPercent", "30"))).severity())
                .isEqualTo(Severity.LOW);
        assertThat(only(evaluate(rule, fixture.build(), Map.of("freeStorageFailPercent", "30"))).severity())
                .isEqualTo(Severity.MEDIUM);
        Finding off = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .freeStorageSpace("orders", 1 * GIB).build(), Map.of("checkFreeStorageSpace", "false")));
        assertThat(off.outcome()).isEqualTo(Outcome.PASS);
        assertThat(off.evidence()).doesNotContainKey("FreeStorageSpace");
    }

    @Test
    void evaluate_whenAuroraWithDatapoint_isStillNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("aurora-1", db -> db.engine("aurora-mysql").storage(1, null))
                .freeStorageSpace("aurora-1", 0).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenCloudWatchCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .freeStorageSpace("orders", 50 * GIB).failed(AwsService.CLOUDWATCH).build());
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule,
                InventoryFixture.create().dbInstance("orders", db -> db).failed(AwsService.RDS).build());
    }
}
