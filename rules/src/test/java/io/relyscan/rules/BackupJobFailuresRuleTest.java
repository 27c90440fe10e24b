package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupJob;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.relyscan.core.fixture.InventoryFixture.ACCOUNT;
import static io.relyscan.core.fixture.InventoryFixture.REGION;
import static io.relyscan.core.inventory.BackupJob.Kind.BACKUP;
import static io.relyscan.core.inventory.BackupJob.Kind.COPY;
import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupJobFailuresRuleTest {
    private static final Tier1Selector TIER1 = new Tier1Selector("criticality", Set.of("tier-1"));
    private static final String ORDERS = "arn:aws:rds:us-east-1:111122223333:db:orders";
    private static final String EFS = "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-1";
    private final BackupJobFailuresRule rule = new BackupJobFailuresRule();

    private List<Finding> withTier1(Inventory inventory) {
        return rule.evaluate(new RuleContext(rule.metadata(), inventory, Map.of(), TIER1));
    }

    private static InventoryFixture tier1Orders() {
        return InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"));
    }

    private static Duration days(int d) {
        return Duration.ofDays(d);
    }

    @Test
    void evaluate_whenEveryJobCompleted_passesPerResource() {
        Finding f = only(withTier1(tier1Orders()
                .backupJob(BACKUP, "b1", ORDERS, "COMPLETED", days(2))
                .backupJob(COPY, "c1", ORDERS, "COMPLETED", days(2)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.resourceName()).isEqualTo("orders");
        assertThat(f.evidence()).containsEntry(BackupJobFailuresRule.LOOKBACK, 7)
                .containsEntry("Jobs", List.of("1 backup job(s), none failed, last completed created "
                                + InventoryFixture.CAPTURED_AT.minus(days(2)),
                        "1 copy job(s), none failed, last completed created "
                                + InventoryFixture.CAPTURED_AT.minus(days(2))));
    }

    @Test
    void evaluate_failureFollowedByACompletedJob_passes() {
        Finding f = only(withTier1(tier1Orders()
                .backupJob(BACKUP, "b1", ORDERS, "FAILED", days(3))
                .backupJob(BACKUP, "b2", ORDERS, "COMPLETED", days(2)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_tier1FailureWithNoLaterCompletedJob_failsHigh() {
        Finding f = only(withTier1(tier1Orders()
                .backupJob(BACKUP, "b1", ORDERS, "COMPLETED", days(3))
                .backupJob(BACKUP, "b2", ORDERS, "FAILED", days(1)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("backup job b2 FAILED").contains("injected failure");
        assertThat(f.evidence()).containsEntry("Tier1", true);
    }

    @Test
    void evaluate_otherResourcesFailure_isAWarnAtMedium() {
        Finding f = only(withTier1(InventoryFixture.create().dbInstance("orders", db -> db)
                .backupJob(BACKUP, "b1", ORDERS, "ABORTED", days(1)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("Tier1", false);
    }

    @Test
    void evaluate_expiredJob_countsAsAFailure_andACompletedCopyDoesNotResolveAFailedBackup() {
        Finding f = only(withTier1(tier1Orders()
                .backupJob(BACKUP, "b1", ORDERS, "EXPIRED", days(2))
                .backupJob(COPY, "c1", ORDERS, "COMPLETED", days(1)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("backup job b1 EXPIRED").doesNotContain("copy job");
    }

    @Test
    void evaluate_failedCopyJob_failsOnItsOwn() {
        Finding f = only(withTier1(tier1Orders()
                .backupJob(BACKUP, "b1", ORDERS, "COMPLETED", days(1))
                .backupJob(COPY, "c1", ORDERS, "FAILED", days(1)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("copy job c1 FAILED");
    }

    @Test
    void evaluate_laterJobStillRunningOrPartial_doesNotResolveTheFailure() {
        Finding f = only(withTier1(tier1Orders()
                .backupJob(BACKUP, "b1", ORDERS, "FAILED", days(2))
                .backupJob(BACKUP, "b2", ORDERS, "PARTIAL", days(1))
                .backupJob(BACKUP, "b3", ORDERS, "RUNNING", Duration.ofHours(1)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_failuresOlderThanTheLookback_areIgnored_andTheParameterMovesIt() {
        Inventory inventory = tier1Orders().backupJob(BACKUP, "old", ORDERS, "FAILED", days(9))
                .backupJob(BACKUP, "earlier", ORDERS, "COMPLETED", days(10)).build();

        Finding region = only(withTier1(inventory));
        assertThat(region.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(region.resourceType()).isEqualTo("Region");
        Finding wider = only(rule.evaluate(new RuleContext(rule.metadata(), inventory,
                Map.of(BackupJobFailuresRule.LOOKBACK, "14"), TIER1)));
        assertThat(wider.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(wider.evidence()).containsEntry(BackupJobFailuresRule.LOOKBACK, 14);
    }

    @Test
    void parameter_isBoundedByTheCollectedLookback() {
        assertThatThrownBy(() -> evaluate(rule, tier1Orders().build(), Map.of(BackupJobFailuresRule.LOOKBACK, "15")))
                .hasMessageContaining("at most 14");
    }

    @Test
    void evaluate_resourceNotInTheInventory_isJudgedOnItsProtectedResourceOrAPseudoResource_atWarn() {
        String other = "arn:aws:dynamodb:us-east-1:111122223333:table/carts";
        List<Finding> findings = withTier1(tier1Orders()
                .protectedResource(EFS, "EFS", InventoryFixture.CAPTURED_AT.minus(days(3)))
                .backupJob(BACKUP, "e1", EFS, "FAILED", days(1))
                .backupJob(BACKUP, "d1", other, "FAILED", days(1)).build());

        assertThat(findings).hasSize(2);
        Finding efs = finding(findings, "fs-1");
        assertThat(efs.resourceArn()).isEqualTo("arn:aws:backup:us-east-1:111122223333:protected-resource/" + EFS);
        assertThat(efs.evidence()).containsEntry("ResourceArn", EFS);
        assertThat(efs.resourceType()).isEqualTo("ProtectedResource");
        assertThat(efs.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(efs.message()).contains("its tier is unknown");
        Finding carts = finding(findings, other);
        assertThat(carts.resourceType()).isEqualTo("BackupJobResource");
        assertThat(carts.evidence()).containsEntry("InInventory", false);
    }

    @Test
    void evaluate_eachScopeIsJudgedOnItsOwn() {
        List<Finding> findings = withTier1(tier1Orders().backupJob(BACKUP, "b1", ORDERS, "FAILED", days(1))
                .region("us-west-2").build());

        assertThat(findings).extracting(Finding::region, Finding::outcome).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(REGION, Outcome.FAIL),
                org.assertj.core.groups.Tuple.tuple("us-west-2", Outcome.NOT_APPLICABLE));
    }

    @Test
    void evaluate_jobWithoutCreationDate_isAnErrorUnlessAFailureIsOpenAnyway() {
        BackupJob undated = new BackupJob(ACCOUNT, REGION, BACKUP, "u1", ORDERS, "RDS", "COMPLETED", null, null,
                null, null);
        Finding error = only(withTier1(tier1Orders().add(undated)
                .backupJob(BACKUP, "b1", ORDERS, "COMPLETED", days(1)).build()));
        Finding open = only(withTier1(tier1Orders().add(undated)
                .backupJob(BACKUP, "b1", ORDERS, "FAILED", days(1)).build()));

        assertThat(error.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(error.evidence()).containsEntry("JobsWithoutCreationDate", List.of("u1"));
        assertThat(open.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenBackupListingFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, tier1Orders()
                .backupJob(BACKUP, "b1", ORDERS, "COMPLETED", days(1)).failed(AwsService.BACKUP).build());
    }
}
