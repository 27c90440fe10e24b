package io.relyscan.rules;

import io.relyscan.core.engine.EngineSettings;
import io.relyscan.core.engine.RuleEngine;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class RdsCrossRegionRecoveryRuleTest {
    private static final Tier1Selector TIER1 = new Tier1Selector("criticality", Set.of("tier-1"));
    private final RdsCrossRegionRecoveryRule rule = new RdsCrossRegionRecoveryRule();

    private static BackupRule copyTo(String region) {
        return new BackupRule("daily-dr", "cron(0 5 ? * * *)", "Default", 35L, false,
                List.of("arn:aws:backup:" + region + ":111122223333:backup-vault:dr"), null, 60L, 1440L);
    }

    @Test
    void evaluate_whenAutomatedBackupsReplicated_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db
                .automatedBackupReplication("arn:aws:rds:us-west-2:111122223333:auto-backup:ab-1")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("RecoveryPaths", List.of("automated backups in us-west-2"));
    }

    @Test
    void evaluate_whenCrossRegionReadReplica_passesButSameRegionReplicaDoesNot() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.readReplica("arn:aws:rds:eu-west-1:111122223333:db:orders-dr"))
                .dbInstance("billing", db -> db.readReplica("billing-ro"))
                .dbInstance("billing-ro", db -> db.replicaOf("billing")).build());

        assertThat(finding(findings, "orders").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "billing").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "billing-ro").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenBackupPlanCopiesToAnotherRegion_passes() {
        InventoryFixture fixture = InventoryFixture.create()
                .dbInstance("orders", db -> db.tag("backup", "dr"))
                .dbInstance("scratch", db -> db)
                .backupPlan("dr-plan", p -> p.noRules().rule(copyTo("us-west-2")))
                .backupSelection("dr-plan", "tagged", s -> s.tagEquals("backup", "dr"))
                .backupPlan("local-plan", p -> p.noRules().rule(copyTo("us-east-1")))
                .backupSelection("local-plan", "everything", s -> s.resources("*"));

        List<Finding> findings = evaluate(rule, fixture.build());

        assertThat(finding(findings, "orders").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "orders").evidence()).containsEntry("RecoveryPaths",
                List.of("AWS Backup copy to us-west-2 (dr-plan/tagged)"));
        // A copy to a vault of the same region is no cross-region path.
        assertThat(finding(findings, "scratch").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenNoPath_failsAtInfo_orAtMediumForTier1() {
        Inventory inventory = InventoryFixture.create()
                .dbInstance("orders", db -> db.tag("criticality", "tier-1"))
                .dbInstance("reports", db -> db).build();

        List<Finding> findings = rule.evaluate(new RuleContext(rule.metadata(), inventory, Map.of(), TIER1));

        assertThat(finding(findings, "orders").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(finding(findings, "orders").evidence()).containsEntry("Tier1", true);
        assertThat(finding(findings, "reports").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "reports").severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void evaluate_whenTier1ThroughTheEngine_isEscalatedLikeEveryTier1Failure() {
        Inventory inventory = InventoryFixture.create()
                .dbInstance("orders", db -> db.tag("criticality", "tier-1")).build();

        Finding f = only(new RuleEngine(List.of(rule), EngineSettings.defaults().withTier1(TIER1)).evaluate(inventory));

        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void evaluate_clusters_globalDatabaseOrCrossRegionReplicaPass() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbCluster("global", c -> c.globalCluster("orders-global"))
                .dbCluster("replicated", c -> c.readReplica("arn:aws:rds:eu-west-1:111122223333:cluster:dr"))
                .dbCluster("alone", c -> c)
                .dbCluster("docs", c -> c.engine("docdb")).build());

        assertThat(finding(findings, "global").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "replicated").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "alone").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "docs").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_membersAndReplicas_areNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("aurora-1", db -> db.engine("aurora-mysql").cluster("aurora"))
                .dbInstance("orders-ro", db -> db.replicaOf("orders")).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenSelectionCannotBeEvaluated_errorsRatherThanFails() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .backupPlan("dr-plan", p -> p.noRules().rule(copyTo("us-west-2")))
                .backupSelection("dr-plan", "odd", s -> s.condition("NUMERICEQUALS", "tier", "1")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenBackupCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().dbInstance("orders", db -> db
                .automatedBackupReplication("arn:aws:rds:us-west-2:111122223333:auto-backup:ab-1"))
                .failed(AwsService.BACKUP).build());
    }
}
