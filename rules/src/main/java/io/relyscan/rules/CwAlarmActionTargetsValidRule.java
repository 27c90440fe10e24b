package io.relyscan.rules;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.ScalingPolicy;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.SnsTopic;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * R33: every SNS topic and EC2 Auto Scaling policy an alarm (metric or composite) acts on still exists, and each
 * topic has a confirmed subscription. Targets are looked up by ARN in maps built once (linear time). A target in a
 * scope that was not scanned, or whose service was not completely collected there, cannot be judged (INFO), and
 * neither can a cross-account topic: its access policy decides whether this account's alarms may publish, and
 * relyscan reads no topic policies. Other actions (EC2 actions, OpsItems, Incident Manager, Lambda, Application
 * Auto Scaling policies) are listed as not judged.
 */
public final class CwAlarmActionTargetsValidRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("cw-alarm-action-targets-valid", "R33",
            "CloudWatch alarm actions point to existing targets", Severity.MEDIUM, "Alarm",
            "An alarm whose SNS topic or scaling policy was deleted still fires, but its action fails silently: "
                    + "the page never arrives, the group never scales. A topic without a confirmed subscription "
                    + "accepts the notification and delivers it to nobody. Targets in another account, or in a region "
                    + "not completely scanned, cannot be verified (INFO); EC2, Systems Manager, Lambda and Application "
                    + "Auto Scaling actions are listed but not judged.",
            "Point the alarm at an existing topic or scaling policy (aws cloudwatch put-metric-alarm with the "
                    + "current ARNs), and confirm a subscription that reaches the on-call on every notified topic.",
            Controls.of("REL06-BP03", "CC7.2*", "A.8.16*", "IR-4(1)*, SI-4(12)*"),
            List.of(), Set.of(AwsService.CLOUDWATCH, AwsService.SNS, AwsService.AUTOSCALING));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Inventory inventory = context.inventory();
        Map<String, SnsTopic> topics = inventory.all(SnsTopic.class).stream()
                .collect(Collectors.toMap(SnsTopic::arn, Function.identity(), (a, b) -> a, HashMap::new));
        Set<String> policies = new HashSet<>();
        inventory.all(ScalingPolicy.class).forEach(p -> policies.add(p.arn()));
        Map<String, ScanScope> scanned = new HashMap<>();
        inventory.scopes().forEach(s -> scanned.put(s.account() + "|" + s.region(), s));
        List<Finding> findings = new ArrayList<>();
        for (Alarm alarm : inventory.all(Alarm.class)) {
            Set<String> targets = new LinkedHashSet<>(alarm.alarmActions());
            targets.addAll(alarm.okActions());
            targets.addAll(alarm.insufficientDataActions());
            FindingBuilder f = context.on(alarm).evidence("AlarmType", alarm.alarmType())
                    .evidence("AlarmActions", alarm.alarmActions()).evidence("OKActions", alarm.okActions())
                    .evidence("InsufficientDataActions", alarm.insufficientDataActions());
            if (targets.isEmpty()) {
                findings.add(f.notApplicable("the alarm has no actions (see cw-alarm-has-actions)"));
                continue;
            }
            Verdicts v = new Verdicts();
            targets.forEach(arn -> judge(arn, alarm, inventory, scanned, topics, policies, v));
            f.evidence("MissingTargets", v.missing).evidence("TopicsWithoutConfirmedSubscription", v.unsubscribed)
                    .evidence("UnverifiedTargets", v.unverified).evidence("NotJudgedActions", v.notJudged)
                    .evidence("VerifiedTargets", v.verified);
            findings.add(outcome(f, v));
        }
        return findings;
    }

    private static Finding outcome(FindingBuilder f, Verdicts v) {
        if (!v.missing.isEmpty()) {
            return f.fail("action target(s) no longer exist, so the action fails whenever the alarm changes state: "
                    + String.join(", ", v.missing));
        }
        if (!v.unsubscribed.isEmpty()) {
            return f.fail(METADATA.severity().lower(), "topic(s) without a confirmed subscription deliver the "
                    + "notification to nobody: " + String.join(", ", v.unsubscribed));
        }
        if (!v.unverified.isEmpty()) {
            return f.fail(Severity.INFO, "cannot verify action target(s): " + String.join(", ", v.unverified));
        }
        if (v.verified.isEmpty()) {
            return f.notApplicable("no SNS topic or EC2 Auto Scaling policy among the actions; not judged: "
                    + String.join(", ", v.notJudged));
        }
        return f.pass(v.verified.size() + " action target(s) exist" + (v.notJudged.isEmpty() ? ""
                : "; " + v.notJudged.size() + " other action(s) not judged"));
    }

    private static void judge(String arn, Alarm alarm, Inventory inventory, Map<String, ScanScope> scanned,
                              Map<String, SnsTopic> topics, Set<String> policies, Verdicts v) {
        String[] p = arn.split(":", 6);
        String service = p.length == 6 && p[0].equals("arn") ? p[2] : "";
        boolean topic = service.equals("sns");
        boolean policy = service.equals("autoscaling") && p[5].startsWith("scalingPolicy:")
                && p[5].contains(":autoScalingGroupName/");
        if (!topic && !policy) {
            v.notJudged.add(arn + " (" + kind(service, p) + ")");
            return;
        }
        AwsService input = topic ? AwsService.SNS : AwsService.AUTOSCALING;
        ScanScope scope = scanned.get(p[4] + "|" + p[3]);
        if (!p[4].equals(alarm.account())) {
            v.unverified.add(arn + " (account " + p[4] + ", not the alarm's: cannot verify)");
        } else if (scope == null) {
            v.unverified.add(arn + " (region " + p[3] + " not scanned)");
        } else if (!inventory.coverage().isComplete(scope, input)) {
            v.unverified.add(arn + " (" + input.id() + " not completely collected in " + p[3] + ")");
        } else if (policy) {
            (policies.contains(arn) ? v.verified : v.missing).add(arn);
        } else if (!topics.containsKey(arn)) {
            v.missing.add(arn);
        } else {
            SnsTopic t = topics.get(arn);
            if (t.subscriptionsConfirmed() == null) {
                v.unverified.add(arn + " (subscription counts not collected)");
            } else if (t.subscriptionsConfirmed() == 0) {
                v.unsubscribed.add(arn + " (SubscriptionsConfirmed=0, SubscriptionsPending="
                        + t.subscriptionsPending() + ")");
            } else {
                v.verified.add(arn);
            }
        }
    }

    private static String kind(String service, String[] arnParts) {
        return switch (service) {
            case "automate", "swf" -> "EC2 action";
            case "ssm" -> "Systems Manager OpsItem";
            case "ssm-incidents" -> "Incident Manager response plan";
            case "lambda" -> "Lambda function";
            case "autoscaling" -> arnParts[5].contains(":resource/") ? "Application Auto Scaling policy"
                    : "unrecognised Auto Scaling target";
            default -> "not an SNS topic or EC2 Auto Scaling policy";
        };
    }

    private static final class Verdicts {
        final List<String> missing = new ArrayList<>();
        final List<String> unsubscribed = new ArrayList<>();
        final List<String> unverified = new ArrayList<>();
        final List<String> notJudged = new ArrayList<>();
        final List<String> verified = new ArrayList<>();
    }
}
