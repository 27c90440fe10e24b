package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class RdsBackupRetentionRuleTest {
    private final RdsBackupRetentionRule rule = new RdsBackupRetentionRule();

    @Test
    void evaluate_whenRetentionMeetsMinimum_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.backupRetention(7)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("BackupRetentionPeriod", 7);
        assertThat(f.parameters()).containsEntry("minimumRetentionDays", "7").containsEntry("checkReadReplicas", "false");
    }

    @Test
    void evaluate_whenBackupsOff_failsHigh() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.backupRetention(0)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("BackupRetentionPeriod=0");
    }

    @Test
    void evaluate_whenRetentionBelowMinimum_failsMedium() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.backupRetention(3)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluate_whenMinimumRaised_usesParameter() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.backupRetention(7)).build(), Map.of("minimumRetentionDays", "14")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.parameters()).containsEntry("minimumRetentionDays", "14");
    }

    @Test
    void evaluate_whenAwsBackupContinuousBackup_passesEvenWithoutRetention() {
        String rp = "arn:aws:backup:us-east-1:111122223333:recovery-point:continuous:db-orders-1a2b";
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.backupRetention(0).awsBackupRecoveryPoint(rp)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("AwsBackupRecoveryPointArn", rp);
    }

    @Test
    void evaluate_whenClusterMember_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("aurora-1", db -> db.engine("aurora-mysql").cluster("aurora").backupRetention(1))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("cluster");
    }

    @Test
    void evaluate_whenReadReplica_isNotApplicableUnlessChecked() {
        InventoryFixture fixture = InventoryFixture.create()
                .dbInstance("replica", db -> db.replicaOf("orders").backupRetention(0));

        assertThat(only(evaluate(rule, fixture.build())).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        Finding checked = only(evaluate(rule, fixture.build(), Map.of("checkReadReplicas", "true")));
        assertThat(checked.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(checked.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void evaluate_whenClusterRetentionBelowMinimum_warns() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbCluster("aurora", c -> c.backupRetention(1)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.resourceType()).isEqualTo("DbCluster");
    }

    @Test
    void evaluate_whenClusterRetentionMeetsMinimum_passes() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .dbCluster("aurora", c -> c.backupRetention(35)).build())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenDocumentDbOrNeptune_isNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbCluster("docs", c -> c.engine("docdb").backupRetention(1))
                .dbInstance("graph", db -> db.engine("neptune").backupRetention(0)).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenRetentionNotCollected_errors() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.backupRetention(null))
                .dbCluster("aurora", c -> c.backupRetention(null)).build());

        assertThat(finding(findings, "orders").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding(findings, "aurora").outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db).failed(AwsService.RDS).build());
    }

    @Test
    void metadata_declaresParametersAndControls() {
        assertThat(rule.metadata().parameter("minimumRetentionDays")).hasValueSatisfying(p -> {
            assertThat(p.defaultValue()).isEqualTo("7");
            assertThat(p.minimum()).isEqualTo(1);
        });
        assertThat(rule.metadata().controls(Framework.ISO27001))
                .containsExactly(ControlRef.proposed(Framework.ISO27001, "A.8.13"));
        assertThat(rule.metadata().controls(Framework.SOC2)).extracting(ControlRef::label)
                .containsExactly("A1.2", "CC7.4");
    }
}
