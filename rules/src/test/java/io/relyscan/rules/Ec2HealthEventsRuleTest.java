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
import java.util.function.UnaryOperator;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class Ec2HealthEventsRuleTest {
    private final Ec2HealthEventsRule rule = new Ec2HealthEventsRule();

    private Finding instance(UnaryOperator<InventoryFixture.Ec2InstanceSpec> spec) {
        return only(evaluate(rule, InventoryFixture.create().ec2Instance("i-1", spec).build()));
    }

    @Test
    void evaluate_whenChecksOkAndNoEvents_passes() {
        Finding f = instance(i -> i);

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("SystemStatus", "ok").containsEntry("PendingEvents", List.of());
    }

    @Test
    void evaluate_whenSystemStatusImpaired_fails() {
        Finding f = instance(i -> i.systemStatus("impaired"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("system status impaired");
    }

    @Test
    void evaluate_whenInstanceStatusImpaired_fails() {
        assertThat(instance(i -> i.instanceStatus("impaired")).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void evaluate_whenRetirementPending_fails() {
        Finding f = instance(i -> i.event("instance-retirement", "The instance is running on degraded hardware"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("instance-retirement").contains("2026-12-01T00:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"instance-stop", "system-reboot", "instance-reboot", "system-maintenance"})
    void evaluate_whenDisruptiveEventPending_warns(String code) {
        Finding f = instance(i -> i.event(code, "Scheduled " + code));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains(code);
    }

    @Test
    void evaluate_whenEventsCompletedOrCanceled_passes() {
        Finding f = instance(i -> i.event("instance-retirement", "[Completed] The instance is running on degraded hardware")
                .event("system-reboot", "[Canceled] Scheduled reboot"));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenStoppedWithRetirementScheduled_stillFails() {
        Finding f = instance(i -> i.state("stopped").systemStatus("not-applicable").instanceStatus("not-applicable")
                .event("instance-retirement", "Retirement of a stopped instance"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenStatusInsufficientData_passes() {
        assertThat(instance(i -> i.systemStatus("insufficient-data").instanceStatus("initializing")).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNoInstances_findsNothing() {
        assertThat(evaluate(rule, InventoryFixture.create().build())).isEmpty();
    }

    @Test
    void evaluate_whenStatusNotCollected_errors() {
        Finding f = instance(InventoryFixture.Ec2InstanceSpec::statusNotCollected);

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(f.message()).contains("DescribeInstanceStatus");
    }

    @Test
    void evaluate_whenEc2CollectionPartial_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i).failed(AwsService.EC2).build());
    }
}
