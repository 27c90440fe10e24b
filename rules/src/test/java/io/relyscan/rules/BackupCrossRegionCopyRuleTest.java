package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.GapReason;
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

class BackupCrossRegionCopyRuleTest {
    private static final Tier1Selector TIER1 = new Tier1Selector("criticality", Set.of("tier-1"));
    private static final String DR = "arn:aws:backup:us-west-2:111122223333:backup-vault:dr";
    private final BackupCrossRegionCopyRule rule = new BackupCrossRegionCopyRule();

    private List<Finding> withTier1(Inventory inventory) {
        return rule.evaluate(new RuleContext(rule.metadata(), inventory, Map.of(), TIER1));
    }

    @Test
    void evaluate_whenCopyingToAnExistingVaultInAnotherRegion_passes() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .backupPlan("p1", p -> p.onlyRule("daily", r -> r.copyTo(DR)))
                .region("us-west-2").backupVault("dr").build()), "p1");

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("CopyDestinations", List.of(DR));
    }

    @Test
    void evaluate_whenTier1PlanDoesNotCopyAway_warnsLow_andOtherPlansAreNotApplicable() {
        List<Finding> findings = withTier1(InventoryFixture.create()
                .dbInstance("orders", db -> db.tag("criticality", "tier-1")).dbInstance("scratch", db -> db)
                .backupPlan("p1", p -> p.onlyRule("daily", r -> r
                        .copyTo("arn:aws:backup:us-east-1:111122223333:backup-vault:same-region")))
                .backupSelection("p1", "s1", s -> s.tagEquals("criticality", "tier-1"))
                .backupPlan("p2", p -> p)
                .backupSelection("p2", "s2", s -> s.resources("arn:aws:rds:us-east-1:111122223333:db:scratch"))
                .build());

        Finding p1 = finding(findings, "p1");
        assertThat(p1.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(p1.severity()).isEqualTo(Severity.LOW);
        assertThat(p1.evidence()).containsEntry("Tier1Resources", List.of("orders"));
        assertThat(finding(findings, "p2").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenNothingIsTier1_judgesEveryPlanOneLevelLower() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupPlan("p1", p -> p).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void evaluate_whenDestinationRegionScannedAndVaultGone_fails() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .backupPlan("p1", p -> p.onlyRule("daily", r -> r.copyTo(DR)))
                .region("us-west-2").build()), "p1");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.evidence()).containsEntry("MissingDestinations", List.of(DR));
    }

    @Test
    void evaluate_whenDestinationRegionNotScanned_saysItCannotVerify() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .backupPlan("p1", p -> p.onlyRule("daily", r -> r.copyTo(DR))).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).contains("cannot verify");
    }

    @Test
    void evaluate_whenDestinationRegionCollectionIncomplete_isErrorNotASofterFailure() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .backupPlan("p1", p -> p.onlyRule("daily", r -> r.copyTo(DR)))
                .region("us-west-2").coverage(AwsService.BACKUP, CollectionStatus.PARTIAL, GapReason.THROTTLED)
                .build()), "p1");

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(f.message()).contains("not completely collected");
        assertThat(f.evidence()).containsEntry("DestinationsInIncompletelyCollectedRegions", List.of(DR))
                .containsEntry("UnverifiedDestinations", List.of());
    }

    @Test
    void evaluate_whenAnotherAccountRequired_sameAccountCopyDoesNotCount() {
        Inventory inventory = InventoryFixture.create()
                .backupPlan("p1", p -> p.onlyRule("daily", r -> r.copyTo(DR)))
                .region("us-west-2").backupVault("dr").build();
        Finding f = finding(RuleTesting.evaluate(rule, inventory, Map.of("requireOtherAccount", "true")), "p1");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("another region and account");
    }

    @Test
    void evaluate_whenNoPlans_findsNothing() {
        assertThat(evaluate(rule, InventoryFixture.create().build())).isEmpty();
    }

    @Test
    void evaluate_whenBackupListingFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .backupPlan("p1", p -> p.onlyRule("daily", r -> r.copyTo(DR)))
                .region("us-west-2").backupVault("dr").region("us-east-1").failed(AwsService.BACKUP).build());
    }
}
