package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
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

import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class BackupRestoreTestingRuleTest {
    private static final Tier1Selector TIER1 = new Tier1Selector("criticality", Set.of("tier-1"));
    private final BackupRestoreTestingRule rule = new BackupRestoreTestingRule();

    private List<Finding> withTier1(Inventory inventory) {
        return withTier1(inventory, Map.of());
    }

    private List<Finding> withTier1(Inventory inventory, Map<String, String> parameters) {
        return rule.evaluate(new RuleContext(rule.metadata(), inventory, parameters, TIER1));
    }

    /** orders (tier-1 RDS) and scratch (not tier-1 EC2). */
    private static InventoryFixture estate() {
        return InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"))
                .ec2Instance("i-scratch", i -> i);
    }

    @Test
    void evaluate_whenTier1TypeIsTestedRecentlyAndFast_passes() {
        Finding f = only(withTier1(estate().restoreTestingPlan("weekly", "RDS")
                .restoreJob("r1", j -> j.byPlan("weekly")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.resourceType()).isEqualTo("BackupResourceType");
        assertThat(f.resourceName()).isEqualTo("RDS");
        assertThat(f.evidence()).containsEntry("LatestRestoreExecutionTimeMinutes", 30L)
                .containsEntry("RestoreTestingSelections", List.of("weekly/weekly-rds"))
                .containsEntry("maxRestoreTime", 240);
    }

    @Test
    void evaluate_whenNoPlanSelectsTheTier1Type_warns() {
        Finding f = only(withTier1(estate().restoreTestingPlan("weekly", "EC2").restoreJob("r1", j -> j).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).isEqualTo("no restore testing plan selects it");
    }

    @Test
    void evaluate_whenLatestRestoreIsOlderThanMaxAge_warns_unlessTheParameterAllowsIt() {
        Inventory inv = estate().restoreTestingPlan("weekly", "RDS").restoreJob("r1", j -> j.ran(120, 30L)).build();

        Finding f = only(withTier1(inv));
        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("120 days ago, more than 90");
        assertThat(only(withTier1(inv, Map.of("maxRestoreAgeDays", "150"))).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenLatestRestoreFailed_warnsEvenAfterAnEarlierSuccess() {
        Finding f = only(withTier1(estate().restoreTestingPlan("weekly", "RDS")
                .restoreJob("r1", j -> j.ran(10, 30L))
                .restoreJob("r2", j -> j.ran(3, 5L).status("FAILED").statusMessage("KMS key disabled")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("r2 FAILED (KMS key disabled)");
        assertThat(f.evidence()).containsEntry("LatestRestoreJobId", "r2")
                .containsEntry("LatestCompletedRestoreJobId", "r1");
    }

    @Test
    void evaluate_whenRunningJobIsNewest_judgesTheLatestFinishedOne() {
        Finding f = only(withTier1(estate().restoreTestingPlan("weekly", "RDS")
                .restoreJob("r1", j -> j.ran(10, 30L))
                .restoreJob("r2", j -> j.ran(0, null).status("RUNNING")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("LatestRestoreJobId", "r1");
    }

    @Test
    void evaluate_whenLatestRestoreExceedsRto_fails() {
        Finding f = only(withTier1(estate().restoreTestingPlan("weekly", "RDS")
                .restoreJob("r1", j -> j.ran(2, 300L)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("took 300 minutes, more than the 240-minute RTO");
        assertThat(f.evidence()).containsEntry("LatestRestoreExecutionTimeMinutes", 300L);
        assertThat(only(withTier1(estate().restoreTestingPlan("weekly", "RDS")
                .restoreJob("r1", j -> j.ran(2, 300L)).build(), Map.of("maxRestoreTime", "300"))).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNoRestoreJob_warns() {
        Finding f = only(withTier1(estate().restoreTestingPlan("weekly", "RDS")
                .restoreJob("other", j -> j.resourceType("EC2")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).isEqualTo("no finished restore job in the last 180 days");
    }

    @Test
    void evaluate_whenAuroraIsTier1_judgesAuroraApartFromRds() {
        List<Finding> findings = withTier1(estate().dbCluster("ledger", c -> c.tag("criticality", "tier-1"))
                .restoreTestingPlan("weekly", "RDS").restoreJob("r1", j -> j).build());

        assertThat(findings).hasSize(2);
        assertThat(finding(findings, "RDS").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "Aurora").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenNothingIsTier1_judgesEveryTypeOneLevelLower() {
        List<Finding> findings = RuleTesting.evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .ec2Instance("i-1", i -> i).restoreTestingPlan("weekly", "RDS")
                .restoreJob("r1", j -> j.ran(1, 500L)).build());

        Finding rds = finding(findings, "RDS");
        assertThat(rds.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(rds.severity()).isEqualTo(Severity.LOW);
        assertThat(rds.evidence()).containsEntry("Tier1", false);
        Finding ec2 = finding(findings, "EC2");
        assertThat(ec2.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(ec2.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void evaluate_whenRegionHoldsNoTier1Resource_isNotApplicableThere() {
        List<Finding> findings = withTier1(estate().restoreTestingPlan("weekly", "RDS").restoreJob("r1", j -> j)
                .region("eu-west-1").dbInstance("scratch", db -> db).build());

        assertThat(finding(findings, "eu-west-1").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "RDS").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenRegionHoldsNothingRestorable_isNotApplicable() {
        Finding f = only(RuleTesting.evaluate(rule, InventoryFixture.create().dbInstance("member",
                db -> db.cluster("c1").engine("aurora-postgresql")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenCreationDateUnreadable_isError() {
        Finding f = only(withTier1(estate().restoreTestingPlan("weekly", "RDS")
                .restoreJob("r1", j -> j.creationDate("yesterday")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenBackupCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, estate().restoreTestingPlan("weekly", "RDS")
                .restoreJob("r1", j -> j).failed(AwsService.BACKUP).build());
    }
}
