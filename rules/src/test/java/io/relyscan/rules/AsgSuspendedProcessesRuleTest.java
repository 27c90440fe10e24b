package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class AsgSuspendedProcessesRuleTest {
    private final AsgSuspendedProcessesRule rule = new AsgSuspendedProcessesRule();

    @Test
    void evaluate_whenNothingSuspended_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().autoScalingGroup("web", g -> g).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("SuspendedProcesses", List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Launch", "Terminate", "HealthCheck", "ReplaceUnhealthy", "AZRebalance"})
    void evaluate_whenHealingProcessSuspended_fails(String process) {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.suspend(process)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains(process);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AlarmNotification", "ScheduledActions", "AddToLoadBalancer", "InstanceRefresh"})
    void evaluate_whenOtherProcessSuspended_warns(String process) {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.suspend(process)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluate_whenBothKindsSuspended_failsAtRuleSeverityNamingAll() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.suspend("AlarmNotification", "Launch")).build()));

        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("AlarmNotification, Launch");
    }

    @Test
    void evaluate_whenParkedGroupHasSuspendedLaunch_stillFails() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("parked", g -> g.capacity(0, 0, 0).suspend("Launch")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenNoGroups_findsNothing() {
        assertThat(evaluate(rule, InventoryFixture.create().build())).isEmpty();
    }

    @Test
    void evaluate_whenSuspendedProcessesNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.suspendedProcesses(null)).build())).outcome())
                .isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenAutoScalingCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g).failed(AwsService.AUTOSCALING).build());
    }
}
