package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class CwAlarmActionsEnabledRuleTest {
    private final CwAlarmActionsEnabledRule rule = new CwAlarmActionsEnabledRule();

    @Test
    void evaluate_whenActionsEnabled_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("cpu", a -> a).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("ActionsEnabled", true).containsEntry("ConfiguredActionCount", 1);
    }

    @Test
    void evaluate_whenMuted_failsHigh() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("cpu", a -> a.actionsEnabled(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).containsEntry("ActionsEnabled", false);
    }

    @Test
    void evaluate_whenMutedComposite_fails() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .alarm("parent", a -> a.composite("ALARM(cpu)").actionsEnabled(false)).build())).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenNoActionsConfigured_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .alarm("cpu", a -> a.alarmActions().actionsEnabled(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("cw-alarm-has-actions");
    }

    @Test
    void evaluate_whenFlagNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create().alarm("cpu", a -> a.actionsEnabled(null)).build()))
                .outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenCloudWatchCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .alarm("cpu", a -> a).failed(AwsService.CLOUDWATCH).build());
    }

    @Test
    void metadata_mapsSoc2FromSteampipeAsAnchored() {
        assertThat(rule.metadata().controls(Framework.SOC2)).containsExactly(ControlRef.anchored(Framework.SOC2, "CC4.2"));
    }
}
