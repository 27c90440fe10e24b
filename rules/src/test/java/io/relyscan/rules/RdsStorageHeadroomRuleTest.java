package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule,
                InventoryFixture.create().dbInstance("orders", db -> db).failed(AwsService.RDS).build());
    }
}
