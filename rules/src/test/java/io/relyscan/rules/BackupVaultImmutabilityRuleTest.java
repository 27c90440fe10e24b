package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupVault;
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

class BackupVaultImmutabilityRuleTest {
    private static final Tier1Selector TIER1 = new Tier1Selector("criticality", Set.of("tier-1"));
    private final BackupVaultImmutabilityRule rule = new BackupVaultImmutabilityRule();

    private List<Finding> withTier1(Inventory inventory) {
        return rule.evaluate(new RuleContext(rule.metadata(), inventory, Map.of(), TIER1));
    }

    /** orders (tier-1) is backed up by plan p1 into vault "Default" and copied to "copies". */
    private static InventoryFixture tier1Estate() {
        return InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"))
                .dbInstance("scratch", db -> db)
                .backupPlan("p1", p -> p.onlyRule("daily", r -> r.targetVault("Default")
                        .copyTo("arn:aws:backup:us-east-1:111122223333:backup-vault:copies")))
                .backupSelection("p1", "s1", s -> s.tagEquals("criticality", "tier-1"))
                .backupPlan("p2", p -> p.onlyRule("daily", r -> r.targetVault("scratch-vault")))
                .backupSelection("p2", "s2", s -> s.resources("arn:aws:rds:us-east-1:111122223333:db:scratch"));
    }

    @Test
    void evaluate_whenLockedInComplianceModePastLockDate_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupVault("Default").build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("LockDate", "2025-01-01T00:00:00Z");
    }

    @Test
    void evaluate_whenTier1VaultNotLocked_warnsLow_andOtherVaultsAreNotApplicable() {
        List<Finding> findings = withTier1(tier1Estate().backupVault("Default", v -> v.unlocked())
                .backupVault("copies", v -> v.locked(true).lockDate(null))
                .backupVault("scratch-vault", v -> v.unlocked()).build());

        Finding main = finding(findings, "Default");
        assertThat(main.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(main.severity()).isEqualTo(Severity.LOW);
        assertThat(main.evidence()).containsEntry("Tier1Plans", List.of("p1"));
        Finding copies = finding(findings, "copies");
        assertThat(copies.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(copies.message()).contains("governance mode");
        assertThat(finding(findings, "scratch-vault").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenNothingIsTier1_judgesEveryVaultAtInfo() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupVault("v", v -> v.unlocked()).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void evaluate_whenLockDateStillAhead_warnsItCanBeRemoved() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .backupVault("v", v -> v.lockDate("2026-12-01T00:00:00Z")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("grace period until 2026-12-01T00:00:00Z");
    }

    @Test
    void evaluate_whenMinRetentionTooShort_warns() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .backupVault("v", v -> v.minRetentionDays(7L)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("minimum retention 7 days, below 35 days");
        assertThat(only(RuleTesting.evaluate(rule, InventoryFixture.create()
                .backupVault("v", v -> v.minRetentionDays(7L)).build(), Map.of("minRetentionDays", "7"))).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenLogicallyAirGapped_countsAsLocked() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupVault("ag", v -> v.locked(null)
                .lockDate(null).vaultType(BackupVault.LOGICALLY_AIR_GAPPED)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("air-gapped");
    }

    @Test
    void evaluate_whenRestoreAccessVault_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .backupVault("ra", v -> v.vaultType("RESTORE_ACCESS_BACKUP_VAULT")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenLockedStateUnknown_isError() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupVault("v", v -> v.locked(null)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenBackupListingFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().backupVault("v")
                .failed(AwsService.BACKUP).build());
    }

    @Test
    void evaluate_vaultHoldingRecoveryPointsOfATier1Resource_isJudgedEvenWithoutAPlan() {
        List<Finding> findings = withTier1(tier1Estate()
                .backupVault("Default").backupVault("copies").backupVault("scratch-vault")
                .backupVault("manual", v -> v.unlocked())
                .recoveryPoint("manual", "on-demand", "arn:aws:rds:us-east-1:111122223333:db:orders", p -> p)
                .backupVault("other", v -> v.unlocked())
                .recoveryPoint("other", "scratch", "arn:aws:rds:us-east-1:111122223333:db:scratch", p -> p)
                .build());

        Finding manual = finding(findings, "manual");
        assertThat(manual.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(manual.severity()).isEqualTo(Severity.LOW);
        assertThat(manual.evidence()).containsEntry("Tier1RecoveryPointsOf", List.of("orders"))
                .containsEntry("Tier1Plans", List.of());
        Finding other = finding(findings, "other");
        assertThat(other.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(other.evidence()).doesNotContainKey("Tier1RecoveryPointsOf");
    }

    @Test
    void evaluate_copiesOfTier1PointsInAnotherRegion_makeThatVaultTier1() {
        List<Finding> findings = withTier1(tier1Estate().backupVault("Default").backupVault("scratch-vault")
                .region("us-west-2").backupVault("dr", v -> v.unlocked())
                .recoveryPoint("dr", "copy", "arn:aws:rds:us-east-1:111122223333:db:orders", p -> p).build());

        assertThat(finding(findings, "dr").outcome()).isEqualTo(Outcome.FAIL);
    }
}
