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

class BackupPlanEffectiveRuleTest {
    private final BackupPlanEffectiveRule rule = new BackupPlanEffectiveRule();

    @Test
    void evaluate_whenRulesAndSelections_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupPlan("p1", p -> p)
                .backupSelection("p1", "s1", s -> s.resources("*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("Rules", List.of("daily")).containsEntry("Selections", List.of("s1"));
    }

    @Test
    void evaluate_whenNoSelection_failsHigh() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupPlan("p1", p -> p)
                .backupSelection("other", "s1", s -> s.resources("*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("no backup selection");
    }

    @Test
    void evaluate_whenNoRules_failsHigh() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupPlan("p1", p -> p.noRules())
                .backupSelection("p1", "s1", s -> s.resources("*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("no rules");
    }

    @Test
    void evaluate_whenSelectionInAnotherRegionOnly_fails() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create().backupPlan("p1", p -> p)
                .region("eu-west-1").backupSelection("p1", "s1", s -> s.resources("*")).build());

        assertThat(finding(findings, "p1").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenRuleKeepsForeverOrDefaultWindow_warns() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .backupPlan("p1", p -> p.rule("forever", r -> r.deleteAfterDays(null))
                        .rule("slow", r -> r.completionWindow(10080L)))
                .backupSelection("p1", "s1", s -> s.resources("*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("RulesWithoutLifecycle", List.of("forever"))
                .containsEntry("RulesWithDefaultCompletionWindow", List.of("slow"));
    }

    @Test
    void evaluate_whenNoPlans_findsNothing() {
        assertThat(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db).build())).isEmpty();
    }

    @Test
    void evaluate_whenCompletionWindowUnknown_isError() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .backupPlan("p1", p -> p.onlyRule("daily", r -> r.completionWindow(null)))
                .backupSelection("p1", "s1", s -> s.resources("*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenBackupListingFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().backupPlan("p1", p -> p)
                .backupSelection("p1", "s1", s -> s.resources("*")).failed(AwsService.BACKUP).build());
    }
}
