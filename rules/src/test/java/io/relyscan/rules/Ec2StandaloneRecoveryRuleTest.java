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

class Ec2StandaloneRecoveryRuleTest {
    private static final String RECOVER = "arn:aws:automate:us-east-1:ec2:recover";
    private final Ec2StandaloneRecoveryRule rule = new Ec2StandaloneRecoveryRule();

    /** A selection assigning instances tagged backup=daily. */
    private static InventoryFixture withBackupPlan() {
        return InventoryFixture.create().backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "tagged", s -> s.tagEquals("backup", "daily"));
    }

    @Test
    void evaluate_whenSimplifiedRecoveryOnSupportedType_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().ec2Instance("i-1", i -> i).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("AutoRecovery", "default").containsEntry("AutoRecoverySupported", true)
                .containsEntry("RootDeviceType", "ebs");
    }

    @Test
    void evaluate_whenRecoveryDisabledButInstanceBackedUp_warns() {
        Finding f = only(evaluate(rule, withBackupPlan()
                .ec2Instance("i-1", i -> i.autoRecovery("disabled").tag("backup", "daily")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("AutoRecovery=disabled", "plan-1/tagged");
        assertThat(f.evidence()).containsEntry("BackupSelections", List.of("plan-1/tagged"));
    }

    @Test
    void evaluate_whenRecoveryDisabledAndNoSelectionAssignsIt_failsAsR39AlsoFails() {
        Finding f = only(evaluate(rule, withBackupPlan().ec2Instance("i-1", i -> i.autoRecovery("disabled")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("R39");
        assertThat(f.evidence()).containsEntry("BackupVerdict", "NO_MATCH");
    }

    @Test
    void evaluate_whenTypeDoesNotSupportRecovery_warnsOrFails() {
        List<Finding> findings = evaluate(rule, withBackupPlan()
                .ec2Instance("i-kept", i -> i.instanceType("m5d.large").autoRecoverySupported(false)
                        .tag("backup", "daily"))
                .ec2Instance("i-lost", i -> i.instanceType("i3.large").autoRecoverySupported(false)).build());

        assertThat(finding(findings, "i-kept").severity()).isEqualTo(Severity.LOW);
        assertThat(finding(findings, "i-kept").message()).contains("m5d.large does not support");
        assertThat(finding(findings, "i-lost").severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluate_whenInstanceStoreRoot_warns() {
        Finding f = only(evaluate(rule, withBackupPlan()
                .ec2Instance("i-1", i -> i.rootDeviceType("instance-store").tag("backup", "daily")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("instance store");
    }

    @Test
    void evaluate_whenAlarmRecoversTheInstance_passesDespiteDisabledRecovery() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.autoRecovery("disabled").autoRecoverySupported(false))
                .alarm("i-1-recover", a -> a.metric("AWS/EC2", "StatusCheckFailed_System")
                        .dimensions("InstanceId", "i-1").alarmActions(RECOVER)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("RecoverAlarms", List.of("i-1-recover"));
    }

    @Test
    void evaluate_whenAlarmIsForAnotherInstanceMutedOrNotRecovering_doesNotCount() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.autoRecovery("disabled"))
                .alarm("other-instance", a -> a.dimensions("InstanceId", "i-2").alarmActions(RECOVER))
                .alarm("muted", a -> a.dimensions("InstanceId", "i-1").alarmActions(RECOVER).actionsEnabled(false))
                .alarm("reboot", a -> a.dimensions("InstanceId", "i-1")
                        .alarmActions("arn:aws:automate:us-east-1:ec2:reboot"))
                .alarm("notify", a -> a.dimensions("InstanceId", "i-1")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("RecoverAlarms", List.of());
    }

    @Test
    void evaluate_whenInAutoScalingGroup_isNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-tagged", i -> i.inAutoScalingGroup("web").autoRecovery("disabled"))
                .ec2Instance("i-attached", i -> i.autoRecovery("disabled"))
                .autoScalingGroup("batch", g -> g.instance("i-attached", "us-east-1a", "InService", "Healthy"))
                .build());

        assertThat(finding(findings, "i-tagged").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "i-attached").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "i-attached").message()).contains("batch");
    }

    @Test
    void evaluate_whenStopped_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.state("stopped").autoRecovery("disabled")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("stopped");
    }

    @Test
    void evaluate_whenAutoRecoveryNotReported_errorsUnlessDecidedOtherwise() {
        List<Finding> findings = evaluate(rule, withBackupPlan()
                .ec2Instance("i-unknown", i -> i.autoRecovery(null))
                .ec2Instance("i-unsupported", i -> i.autoRecovery(null).autoRecoverySupported(false)).build());

        assertThat(finding(findings, "i-unknown").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding(findings, "i-unsupported").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenTypeSupportNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.autoRecoverySupported(null)).build())).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenBackupSelectionUndecidable_staysAWarn() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "odd", s -> s.resources("arn:aws:ec2:*:*:instance/*")
                        .condition("ForAnyValue:StringEquals", "aws:ResourceTag/app", "x"))
                .ec2Instance("i-1", i -> i.autoRecovery("disabled")).build()));

        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.evidence()).containsEntry("BackupVerdict", "UNKNOWN");
    }

    @Test
    void evaluate_whenCloudWatchCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.autoRecovery("disabled"))
                .alarm("recover", a -> a.dimensions("InstanceId", "i-1").alarmActions(RECOVER))
                .failed(AwsService.CLOUDWATCH).build());
    }
}
