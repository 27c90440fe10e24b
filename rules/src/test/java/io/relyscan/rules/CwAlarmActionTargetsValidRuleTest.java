package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class CwAlarmActionTargetsValidRuleTest {
    private static final String ACCOUNT = InventoryFixture.ACCOUNT;
    private static final String TOPIC = "arn:aws:sns:us-east-1:" + ACCOUNT + ":ops-alerts";
    private static final String GONE = "arn:aws:sns:us-east-1:" + ACCOUNT + ":deleted-topic";
    private static final String WEST_TOPIC = "arn:aws:sns:us-west-2:" + ACCOUNT + ":dr-alerts";
    private static final String OTHER_ACCOUNT_TOPIC = "arn:aws:sns:us-east-1:444455556666:central-alerts";
    private static final String REBOOT = "arn:aws:automate:us-east-1:ec2:reboot";
    private static final String OPS_ITEM = "arn:aws:ssm:us-east-1:" + ACCOUNT + ":opsitem:2#CATEGORY=Availability";
    private static final String ECS_POLICY = "arn:aws:autoscaling:us-east-1:" + ACCOUNT + ":scalingPolicy:"
            + "ac542982-cbeb-4294-891c-a5a941dfa787:resource/ecs/service/default/web:policyName/cpu75";
    private final CwAlarmActionTargetsValidRule rule = new CwAlarmActionTargetsValidRule();

    @Test
    void evaluate_whenTopicAndScalingPolicyExist_passes() {
        InventoryFixture fx = InventoryFixture.create().snsTopic("ops-alerts")
                .scalingPolicy("web", "scale-out", "StepScaling");
        String policy = fx.scalingPolicyArn("web", "scale-out");
        Finding f = only(evaluate(rule, fx.alarm("cpu-high", a -> a.alarmActions(TOPIC, policy)
                .okActions(TOPIC)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("VerifiedTargets", List.of(TOPIC, policy))
                .containsEntry("MissingTargets", List.of()).containsEntry("OKActions", List.of(TOPIC));
    }

    @Test
    void evaluate_whenTopicDeleted_failsAtRuleSeverity() {
        Finding f = only(evaluate(rule, InventoryFixture.create().snsTopic("ops-alerts")
                .alarm("cpu-high", a -> a.alarmActions(TOPIC).insufficientDataActions(GONE)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("MissingTargets", List.of(GONE))
                .containsEntry("VerifiedTargets", List.of(TOPIC));
        assertThat(f.message()).contains("no longer exist", GONE);
    }

    @Test
    void evaluate_whenScalingPolicyDeleted_fails() {
        InventoryFixture fx = InventoryFixture.create().scalingPolicy("web", "scale-out", "StepScaling");
        String deleted = fx.scalingPolicyArn("web", "scale-in");
        Finding f = only(evaluate(rule, fx.alarm("cpu-low", a -> a.alarmActions(deleted)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("MissingTargets", List.of(deleted));
    }

    @Test
    void evaluate_whenTopicHasOnlyPendingOrNoSubscriptions_warnsOneLevelLower() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .snsTopic("pending-only", 0, 2).snsTopic("no-subscribers", 0, 0)
                .alarm("a-pending", a -> a.alarmActions(arn("pending-only")))
                .alarm("a-none", a -> a.alarmActions(arn("no-subscribers"))).build());

        Finding pending = finding(findings, "a-pending");
        assertThat(pending.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(pending.severity()).isEqualTo(Severity.LOW);
        assertThat(pending.evidence()).containsEntry("TopicsWithoutConfirmedSubscription",
                List.of(arn("pending-only") + " (SubscriptionsConfirmed=0, SubscriptionsPending=2)"));
        assertThat(finding(findings, "a-none").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void evaluate_missingTargetOutranksUnsubscribedTopic() {
        Finding f = only(evaluate(rule, InventoryFixture.create().snsTopic("quiet", 0, 1)
                .alarm("cpu-high", a -> a.alarmActions(arn("quiet"), GONE)).build()));

        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("MissingTargets", List.of(GONE))
                .containsEntry("TopicsWithoutConfirmedSubscription",
                        List.of(arn("quiet") + " (SubscriptionsConfirmed=0, SubscriptionsPending=1)"));
    }

    @Test
    void evaluate_whenTopicIsInAnotherAccount_infoCannotVerify() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .alarm("cpu-high", a -> a.alarmActions(OTHER_ACCOUNT_TOPIC)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).contains("cannot verify");
        assertThat(f.evidence()).containsEntry("UnverifiedTargets",
                List.of(OTHER_ACCOUNT_TOPIC + " (account 444455556666, not the alarm's: cannot verify)"));
    }

    @Test
    void evaluate_whenTopicRegionNotScanned_infoCannotVerify_butScannedRegionIsJudged() {
        Finding notScanned = only(evaluate(rule, InventoryFixture.create()
                .alarm("cpu-high", a -> a.alarmActions(WEST_TOPIC)).build()));
        assertThat(notScanned.severity()).isEqualTo(Severity.INFO);
        assertThat(notScanned.evidence()).containsEntry("UnverifiedTargets",
                List.of(WEST_TOPIC + " (region us-west-2 not scanned)"));

        Finding scannedAndGone = finding(evaluate(rule, InventoryFixture.create()
                .alarm("cpu-high", a -> a.alarmActions(WEST_TOPIC)).region("us-west-2").build()), "cpu-high");
        assertThat(scannedAndGone.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(scannedAndGone.evidence()).containsEntry("MissingTargets", List.of(WEST_TOPIC));
    }

    @Test
    void evaluate_whenTopicRegionCollectedPartially_infoCannotVerify() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .alarm("cpu-high", a -> a.alarmActions(WEST_TOPIC)).region("us-west-2")
                .coverage(AwsService.SNS, CollectionStatus.PARTIAL, GapReason.THROTTLED).build()), "cpu-high");

        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence()).containsEntry("UnverifiedTargets",
                List.of(WEST_TOPIC + " (sns not completely collected in us-west-2)"));
    }

    @Test
    void evaluate_whenSubscriptionCountsMissing_infoCannotVerify() {
        Finding f = only(evaluate(rule, InventoryFixture.create().snsTopic("ops-alerts", null, null)
                .alarm("cpu-high", a -> a.alarmActions(TOPIC)).build()));

        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence()).containsEntry("UnverifiedTargets",
                List.of(TOPIC + " (subscription counts not collected)"));
    }

    @Test
    void evaluate_otherActionKinds_areNotJudged() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create().snsTopic("ops-alerts")
                .alarm("only-others", a -> a.alarmActions(REBOOT, OPS_ITEM, ECS_POLICY))
                .alarm("mixed", a -> a.alarmActions(TOPIC, REBOOT)).build());

        Finding others = finding(findings, "only-others");
        assertThat(others.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(others.evidence()).containsEntry("NotJudgedActions", List.of(REBOOT + " (EC2 action)",
                OPS_ITEM + " (Systems Manager OpsItem)", ECS_POLICY + " (Application Auto Scaling policy)"));
        Finding mixed = finding(findings, "mixed");
        assertThat(mixed.outcome()).isEqualTo(Outcome.PASS);
        assertThat(mixed.message()).contains("1 other action(s) not judged");
    }

    @Test
    void evaluate_malformedActionArn_isNotJudgedAndDoesNotThrow() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .alarm("odd", a -> a.alarmActions("not-an-arn", "arn:aws:sns:us-east-1::x")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence()).containsEntry("NotJudgedActions",
                List.of("not-an-arn (not an SNS topic or EC2 Auto Scaling policy)"));
    }

    @Test
    void evaluate_compositeAlarmActions_areJudgedToo() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .alarm("service-down", a -> a.composite("ALARM(cpu-high)").alarmActions(GONE)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("AlarmType", "CompositeAlarm");
    }

    @Test
    void evaluate_whenAlarmHasNoActions_notApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create().alarm("silent", a -> a.alarmActions()).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("cw-alarm-has-actions");
    }

    @Test
    void evaluate_whenNoAlarms_findsNothing() {
        assertThat(evaluate(rule, InventoryFixture.create().snsTopic("ops-alerts").build())).isEmpty();
    }

    @Test
    void evaluate_whenSnsNotCollected_neverPasses() {
        Inventory inventory = InventoryFixture.create().snsTopic("ops-alerts")
                .alarm("cpu-high", a -> a.alarmActions(TOPIC))
                .coverage(AwsService.SNS, CollectionStatus.NOT_COLLECTED, null).build();
        List<Finding> findings = RuleTesting.assertEngineRefusesToPass(rule, inventory);
        assertThat(finding(findings, "cpu-high").evidence()).containsEntry("observedOutcome", "FAIL");
    }

    @Test
    void evaluate_whenScalingPoliciesOrAlarmsNotCollected_neverPasses() {
        InventoryFixture fx = InventoryFixture.create().scalingPolicy("web", "scale-out", "StepScaling");
        String policy = fx.scalingPolicyArn("web", "scale-out");
        RuleTesting.assertEngineRefusesToPass(rule, fx.alarm("cpu-high", a -> a.alarmActions(policy))
                .coverage(AwsService.AUTOSCALING, CollectionStatus.PARTIAL, GapReason.ACCESS_DENIED).build());
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().failed(AwsService.CLOUDWATCH).build());
    }

    @Test
    void metadata_readsAlarmsTopicsAndScalingPolicies() {
        assertThat(rule.metadata().inputs()).containsExactlyInAnyOrder(AwsService.CLOUDWATCH, AwsService.SNS,
                AwsService.AUTOSCALING);
    }

    private static String arn(String topic) {
        return "arn:aws:sns:us-east-1:" + ACCOUNT + ":" + topic;
    }
}
