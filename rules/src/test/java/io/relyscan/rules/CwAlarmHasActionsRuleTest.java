package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class CwAlarmHasActionsRuleTest {
    private static final String SCALING_POLICY = "arn:aws:autoscaling:us-east-1:111122223333:scalingPolicy:"
            + "uuid:autoScalingGroupName/web:policyName/cpu-target";

    private final CwAlarmHasActionsRule rule = new CwAlarmHasActionsRule();

    @Test
    void evaluate_whenAlarmActionPresent_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("cpu", a -> a).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("AlarmActions", List.of("arn:aws:sns:us-east-1:111122223333:ops-alerts"));
    }

    @Test
    void evaluate_whenNoAlarmActions_failsMedium() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("cpu", a -> a.alarmActions()).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("MissingActions", List.of("AlarmActions"));
    }

    @Test
    void evaluate_whenTargetTrackingAlarm_countsScalingPolicyAsAction() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .alarm("TargetTracking-web-AlarmHigh", a -> a.alarmActions(SCALING_POLICY)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("Auto Scaling");
    }

    @Test
    void evaluate_whenReferencedByNameFromActionedComposite_passesWithCompositeInEvidence() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .alarm("cpu", a -> a.alarmActions())
                .alarm("disk", a -> a.alarmActions())
                .alarm("host-unhealthy", a -> a.composite("ALARM(cpu) OR ALARM(\"disk\")")).build());

        assertThat(finding(findings, "cpu").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "disk").evidence())
                .containsEntry("CoveredByCompositeAlarms", List.of("host-unhealthy"));
        assertThat(finding(findings, "host-unhealthy").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenReferencedByArn_passes() {
        String arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:cpu";
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .alarm("cpu", a -> a.alarmActions())
                .alarm("parent", a -> a.composite("ALARM(\"" + arn + "\")")).build()), "cpu");

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenCompositeHasNoActions_bothFail() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .alarm("cpu", a -> a.alarmActions())
                .alarm("parent", a -> a.composite("ALARM(cpu)").alarmActions()).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.FAIL);
    }

    @Test
    void evaluate_whenSameNameReferencedInOtherRegion_doesNotCover() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .alarm("cpu", a -> a.alarmActions())
                .region("eu-west-1").alarm("parent", a -> a.composite("ALARM(cpu)")).build());

        assertThat(finding(findings, "cpu").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenOkActionRequired_failsAlarmWithoutOkAction() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("cpu", a -> a).build(),
                Map.of("okActionRequired", "true")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("MissingActions", List.of("OKActions"));
    }

    @Test
    void evaluate_whenInsufficientDataActionRequiredAndPresent_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .alarm("cpu", a -> a.insufficientDataActions("arn:aws:sns:us-east-1:111122223333:ops")).build(),
                Map.of("insufficientDataActionRequired", "true")));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenInsufficientDataActionRequiredByDefault_isNotRequired() {
        assertThat(only(evaluate(rule, InventoryFixture.create().alarm("cpu", a -> a).build())).parameters())
                .containsEntry("insufficientDataActionRequired", "false").containsEntry("okActionRequired", "false");
    }

    @Test
    void evaluate_whenCompositeRuleNotCollected_errorsInsteadOfFailing() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .alarm("cpu", a -> a.alarmActions())
                .alarm("parent", a -> a.composite(null)).build());

        assertThat(finding(findings, "cpu").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding(findings, "parent").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenCloudWatchCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .alarm("cpu", a -> a).failed(AwsService.CLOUDWATCH).build());
    }
}
