package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class BackupPlanFrequencyRetentionRuleTest {
    private final BackupPlanFrequencyRetentionRule rule = new BackupPlanFrequencyRetentionRule();

    private Finding judge(InventoryFixture fixture) {
        return only(evaluate(rule, fixture.build()));
    }

    @Test
    void evaluate_whenDailyFor35Days_passes() {
        Finding f = judge(InventoryFixture.create().backupPlan("p1", p -> p));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("requiredFrequencyHours", 24).containsEntry("requiredRetentionDays", 35);
    }

    @Test
    void evaluate_whenWeeklyFor7Days_failsMedium() {
        Finding f = judge(InventoryFixture.create().backupPlan("p1", p -> p.onlyRule("weekly",
                r -> r.schedule("cron(0 5 ? * SUN *)").deleteAfterDays(7L))));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("every 7 d at worst", "kept 7 d");
    }

    @Test
    void evaluate_whenOneRuleIsFrequentAndAnotherKeepsLong_failsBecauseOneRuleMustMeetBoth() {
        Finding f = judge(InventoryFixture.create().backupPlan("p1", p -> p
                .onlyRule("hourly", r -> r.schedule("rate(1 hour)").deleteAfterDays(1L))
                .rule("monthly", r -> r.schedule("cron(0 5 1 * ? *)").deleteAfterDays(null))));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenContinuousAndKeptForever_passesWhateverTheSchedule() {
        Finding f = judge(InventoryFixture.create().backupPlan("p1", p -> p
                .onlyRule("pitr", r -> r.schedule(null).continuous(true).deleteAfterDays(null))));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_withParameters_usesThem() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupPlan("p1", p -> p.onlyRule("twice-a-day",
                r -> r.schedule("cron(0 5,17 ? * * *)").deleteAfterDays(35L))).build(),
                Map.of("requiredFrequencyHours", "12", "requiredRetentionDays", "36")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenScheduleMalformedAndNothingElsePasses_isError() {
        Finding f = judge(InventoryFixture.create().backupPlan("p1", p -> p
                .onlyRule("broken", r -> r.schedule("cron(0 5 * * *)"))));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(f.message()).contains("broken");
    }

    @Test
    void evaluate_whenScheduleMissing_isError() {
        Finding f = judge(InventoryFixture.create().backupPlan("p1", p -> p
                .onlyRule("none", r -> r.schedule(null))));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenAnotherRulePasses_ignoresTheMalformedOne() {
        Finding f = judge(InventoryFixture.create().backupPlan("p1", p -> p
                .rule("broken", r -> r.schedule("every day"))));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNoRules_fails() {
        assertThat(judge(InventoryFixture.create().backupPlan("p1", p -> p.noRules())).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenNoPlans_findsNothing() {
        assertThat(evaluate(rule, InventoryFixture.create().build())).isEmpty();
    }

    @Test
    void evaluate_whenBackupListingFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().backupPlan("p1", p -> p)
                .failed(AwsService.BACKUP).build());
    }

    // ---- recovery-point variant ---------------------------------------------------------------------------

    private static final String ORDERS = "arn:aws:rds:us-east-1:111122223333:db:orders";

    @Test
    void evaluate_recoveryPointKeptLessThan35Days_warnsLow_andThePlanFindingIsUnchanged() {
        java.util.List<Finding> findings = evaluate(rule, InventoryFixture.create().backupPlan("p1", p -> p)
                .recoveryPoint("Default", "short", ORDERS, p -> p.retentionDays(7).createdByPlan("p1"))
                .recoveryPoint("Default", "long", ORDERS, p -> p.retentionDays(35)).build());

        assertThat(findings).hasSize(3);
        assertThat(RuleTesting.finding(findings, "p1").outcome()).isEqualTo(Outcome.PASS);
        Finding shortLived = RuleTesting.finding(findings, "Default/short");
        assertThat(shortLived.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(shortLived.severity()).isEqualTo(Severity.LOW);
        assertThat(shortLived.resourceType()).isEqualTo("RecoveryPoint");
        assertThat(shortLived.message()).contains("kept 7 d", "less than 35 days",
                "made by plan arn:aws:backup:us-east-1:111122223333:backup-plan:p1");
        assertThat(shortLived.evidence()).containsEntry("RetentionDays", 7L).containsEntry("ResourceArn", ORDERS)
                .containsEntry("requiredRetentionDays", 35);
        assertThat(RuleTesting.finding(findings, "Default/long").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_recoveryPointWithoutLifecycle_isKeptForever() {
        Finding f = judge(InventoryFixture.create().recoveryPoint("Default", "p", ORDERS, p -> p.retentionDays(null)));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("kept forever");
    }

    @Test
    void evaluate_recoveryPointRetention_followsTheRetentionParameter() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .recoveryPoint("Default", "p", ORDERS, p -> p.retentionDays(7)).build(),
                Map.of("requiredRetentionDays", "7")));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_continuousCompositeMemberAndUnusablePoints_areNotApplicable() {
        java.util.List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .recoveryPoint("Default", "cont", ORDERS, p -> p.retentionDays(7)
                        .arn("arn:aws:backup:us-east-1:111122223333:recovery-point:continuous:db-X-1"))
                .recoveryPoint("Default", "member", ORDERS, p -> p.retentionDays(7)
                        .memberOf("arn:aws:backup:us-east-1:111122223333:recovery-point:stack"))
                .recoveryPoint("Default", "expired", ORDERS, p -> p.retentionDays(7).status("EXPIRED")).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.NOT_APPLICABLE).hasSize(3);
    }

    @Test
    void evaluate_recoveryPointWithUnreadableDeleteAt_isAnError() {
        Finding f = judge(InventoryFixture.create().add(new io.relyscan.core.inventory.RecoveryPoint(
                "arn:aws:backup:us-east-1:111122223333:recovery-point:x", "111122223333", "us-east-1", "Default",
                ORDERS, "RDS", "COMPLETED", "2026-11-27T00:00:00Z", null, "soon", null, false, null)));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }
}
