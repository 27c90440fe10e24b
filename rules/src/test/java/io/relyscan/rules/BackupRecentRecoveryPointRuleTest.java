package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EbsVolume;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.relyscan.core.fixture.InventoryFixture.ACCOUNT;
import static io.relyscan.core.fixture.InventoryFixture.CAPTURED_AT;
import static io.relyscan.core.fixture.InventoryFixture.REGION;
import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupRecentRecoveryPointRuleTest {
    private static final String ORDERS = "arn:aws:rds:us-east-1:111122223333:db:orders";
    private final BackupRecentRecoveryPointRule rule = new BackupRecentRecoveryPointRule();

    private static InventoryFixture orders() {
        return InventoryFixture.create().dbInstance("orders", db -> db);
    }

    @Test
    void evaluate_whenNewestCompletedPointIsRecent_passes() {
        Finding f = only(evaluate(rule, orders()
                .recoveryPoint("Default", "old", ORDERS, p -> p.createdAgo(Duration.ofDays(3)))
                .recoveryPoint("Default", "new", ORDERS, p -> p.createdAgo(Duration.ofHours(5))).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("NewestRecoveryPointArn",
                        "arn:aws:backup:us-east-1:111122223333:recovery-point:new")
                .containsEntry("NewestRecoveryPointAgeHours", 5L).containsEntry("RecoveryPointsListed", 2)
                .containsEntry("NewestRecoveryPointCreationDate", CAPTURED_AT.minus(Duration.ofHours(5)).toString())
                .containsEntry(BackupRecentRecoveryPointRule.AGE, 24);
    }

    @Test
    void evaluate_whenNewestCompletedPointIsTooOld_fails() {
        Finding f = only(evaluate(rule, orders()
                .recoveryPoint("Default", "p1", ORDERS, p -> p.createdAgo(Duration.ofHours(30))).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("30 h 0 min ago").contains("older than 24 h");
    }

    @Test
    void evaluate_atExactlyTheLimit_passes_andTheParameterMovesIt() {
        InventoryFixture fixture = orders()
                .recoveryPoint("Default", "p1", ORDERS, p -> p.createdAgo(Duration.ofHours(24)));

        assertThat(only(evaluate(rule, fixture.build())).outcome()).isEqualTo(Outcome.PASS);
        assertThat(only(evaluate(rule, fixture.build(), Map.of(BackupRecentRecoveryPointRule.AGE, "23"))).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void parameter_isBoundedInHours() {
        assertThatThrownBy(() -> evaluate(rule, orders().build(), Map.of(BackupRecentRecoveryPointRule.AGE, "0")))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> evaluate(rule, orders().build(), Map.of(BackupRecentRecoveryPointRule.AGE, "9000")))
                .hasMessageContaining("at most 8784");
    }

    @Test
    void evaluate_whenNoRecoveryPoint_failsAndPointsToR04ForNativeBackups() {
        Finding f = only(evaluate(rule, orders().build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("never been backed up by AWS Backup").contains("R04");
        assertThat(f.evidence()).containsEntry("RecoveryPointsListed", 0);
    }

    @Test
    void evaluate_newerPointsThatDidNotComplete_doNotCount() {
        Finding f = only(evaluate(rule, orders()
                .recoveryPoint("Default", "old", ORDERS, p -> p.createdAgo(Duration.ofDays(2)))
                .recoveryPoint("Default", "partial", ORDERS, p -> p.createdAgo(Duration.ofHours(1)).status("PARTIAL"))
                .recoveryPoint("Default", "creating", ORDERS, p -> p.createdAgo(Duration.ofMinutes(10))
                        .status("CREATING")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("NewestRecoveryPointArn",
                        "arn:aws:backup:us-east-1:111122223333:recovery-point:old")
                .containsEntry("UnusableStatuses", List.of("CREATING", "PARTIAL"));
    }

    @Test
    void evaluate_whenOnlyUnusablePoints_failsNamingTheirStatuses() {
        Finding f = only(evaluate(rule, orders()
                .recoveryPoint("Default", "gone", ORDERS, p -> p.status("EXPIRED")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("none of its 1 recovery point(s) completed (statuses EXPIRED)");
    }

    @Test
    void evaluate_availableStatus_countsLikeCompleted() {
        assertThat(only(evaluate(rule, orders()
                .recoveryPoint("Default", "p1", ORDERS, p -> p.status("AVAILABLE")).build())).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_continuousPoint_isCurrentWhateverItsCreationDate() {
        Finding f = only(evaluate(rule, orders().recoveryPoint("Default", "c", ORDERS, p -> p
                .arn("arn:aws:backup:us-east-1:111122223333:recovery-point:continuous:db-ORDERS-1a2b3c4d")
                .createdAgo(Duration.ofDays(200))).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("continuous backup");
    }

    @Test
    void evaluate_pointsOfOtherResources_doNotCount() {
        Finding f = finding(evaluate(rule, orders().dbInstance("billing", db -> db)
                .recoveryPoint("Default", "p1", "arn:aws:rds:us-east-1:111122223333:db:billing", p -> p).build()),
                "orders");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_copiesInAnotherRegionsVault_count() {
        Finding f = finding(evaluate(rule, orders().region("us-west-2")
                .recoveryPoint("dr", "copy", ORDERS, p -> p.createdAgo(Duration.ofHours(2))).build()), "orders");

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("NewestRecoveryPointVault", "dr");
    }

    @Test
    void evaluate_lastBackupTimeAloneNamingNoRecoveryPoint_doesNotReplaceRecoveryPoints() {
        Finding f = only(evaluate(rule, orders()
                .protectedResource(ORDERS, "RDS", CAPTURED_AT.minus(Duration.ofHours(3))).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("LastBackupTime", CAPTURED_AT.minus(Duration.ofHours(3)).toString());
    }

    @Test
    void evaluate_protectedResourceWhoseLastPointIsUnlisted_decidesByLastBackupTime() {
        String unlisted = "arn:aws:backup:us-east-1:999988887777:recovery-point:elsewhere";
        Finding fresh = only(evaluate(rule, orders().add(new io.relyscan.core.inventory.ProtectedResource(ACCOUNT,
                REGION, ORDERS, "RDS", "orders", CAPTURED_AT.minus(Duration.ofHours(3)).toString(), null, unlisted))
                .build()));
        Finding stale = only(evaluate(rule, orders().add(new io.relyscan.core.inventory.ProtectedResource(ACCOUNT,
                REGION, ORDERS, "RDS", "orders", CAPTURED_AT.minus(Duration.ofDays(3)).toString(), null, unlisted))
                .build()));

        assertThat(fresh.outcome()).isEqualTo(Outcome.PASS);
        assertThat(fresh.message()).contains("ListProtectedResources").contains("in no listed vault");
        assertThat(stale.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(stale.evidence()).containsEntry("LastRecoveryPointArn", unlisted);
    }

    @Test
    void evaluate_resourceListedAsProtectedInTwoRegions_usesItsOwnRegionsListing() {
        String unlisted = "arn:aws:backup:us-east-1:999988887777:recovery-point:elsewhere";
        Finding f = only(evaluate(rule, orders()
                .add(new io.relyscan.core.inventory.ProtectedResource(ACCOUNT, REGION, ORDERS, "RDS", "orders",
                        CAPTURED_AT.minus(Duration.ofHours(2)).toString(), null, unlisted))
                .add(new io.relyscan.core.inventory.ProtectedResource(ACCOUNT, "us-west-2", ORDERS, "RDS", "orders",
                        CAPTURED_AT.minus(Duration.ofDays(9)).toString(), null, unlisted + "-copy")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("LastRecoveryPointArn", unlisted);
    }

    @Test
    void evaluate_listedPointsWinOverLastBackupTime() {
        Finding f = only(evaluate(rule, orders()
                .recoveryPoint("Default", "p1", ORDERS, p -> p.createdAgo(Duration.ofDays(5)))
                .add(new io.relyscan.core.inventory.ProtectedResource(ACCOUNT, REGION, ORDERS, "RDS", "orders",
                        CAPTURED_AT.minus(Duration.ofHours(1)).toString(), null,
                        "arn:aws:backup:us-east-1:999988887777:recovery-point:elsewhere")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_clusterMembersAndDocDb_areNotApplicable_clustersAndInstancesAreJudged() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbCluster("aurora", c -> c.member("aurora-1", true))
                .dbInstance("aurora-1", db -> db.cluster("aurora").engine("aurora-postgresql"))
                .dbInstance("docs", db -> db.engine("docdb"))
                .ec2Instance("i-1", i -> i).ec2Instance("i-gone", i -> i.state("terminated"))
                .recoveryPoint("Default", "c1", "arn:aws:rds:us-east-1:111122223333:cluster:aurora",
                        p -> p.resourceType("Aurora"))
                .build());

        assertThat(findings).hasSize(4);
        assertThat(finding(findings, "aurora").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "aurora-1").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "docs").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "i-1").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_ebsVolume_countsItsOwnPointsAndThoseOfItsInstance() {
        InventoryFixture fixture = InventoryFixture.create().ec2Instance("i-1", i -> i);
        String volumeArn = fixture.arn("ec2", "volume/vol-1");
        List<Finding> findings = evaluate(rule, fixture
                .add(new EbsVolume(volumeArn, ACCOUNT, REGION, "vol-1", "us-east-1a", "in-use", 8, "gp3",
                        List.of("i-1"), Map.of()))
                .add(new EbsVolume(fixture.arn("ec2", "volume/vol-2"), ACCOUNT, REGION, "vol-2", "us-east-1a",
                        "available", 8, "gp3", List.of(), Map.of()))
                .add(new EbsVolume(fixture.arn("ec2", "volume/vol-3"), ACCOUNT, REGION, "vol-3", "us-east-1a",
                        "deleting", 8, "gp3", List.of(), Map.of()))
                .recoveryPoint("Default", "ami", fixture.arn("ec2", "instance/i-1"), p -> p.resourceType("EC2"))
                .build());

        Finding attached = finding(findings, "vol-1");
        assertThat(attached.outcome()).isEqualTo(Outcome.PASS);
        assertThat(attached.message()).contains("(of arn:aws:ec2:us-east-1:111122223333:instance/i-1)");
        assertThat(finding(findings, "vol-2").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(findings).extracting(Finding::resourceName).doesNotContain("vol-3");
    }

    @Test
    void evaluate_unreadableCreationDate_isAnErrorNotAPass() {
        Finding f = only(evaluate(rule, orders().add(new io.relyscan.core.inventory.RecoveryPoint(
                "arn:aws:backup:us-east-1:111122223333:recovery-point:x", ACCOUNT, REGION, "Default", ORDERS, "RDS",
                "COMPLETED", "yesterday", null, null, null, false, null)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenBackupListingFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, orders()
                .recoveryPoint("Default", "p1", ORDERS, p -> p).failed(AwsService.BACKUP).build());
    }
}
