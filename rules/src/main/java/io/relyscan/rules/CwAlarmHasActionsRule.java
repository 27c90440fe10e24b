package io.relyscan.rules;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * R31: an alarm does something when it fires. An alarm without actions of its own counts as actioned when a
 * composite alarm whose AlarmRule references it (by name or ARN) has the missing kind of action: that is how
 * composite alarms are meant to be used, and Security Hub flags it wrongly. Target-tracking alarms, whose
 * actions are scaling policies, count as actioned like any other.
 */
public final class CwAlarmHasActionsRule implements Rule {
    static final String INSUFFICIENT_DATA_ACTION_REQUIRED = "insufficientDataActionRequired";
    static final String OK_ACTION_REQUIRED = "okActionRequired";

    private static final RuleMetadata METADATA = new RuleMetadata("cw-alarm-has-actions", "R31",
            "CloudWatch alarms have actions", Severity.MEDIUM, "Alarm",
            "An alarm without actions changes state silently: nobody is paged, nothing scales or recovers, "
                    + "and the failure it was built to catch goes unnoticed.",
            "Add an alarm action (an SNS topic that reaches the on-call, a scaling policy, an EC2 action or an "
                    + "SSM OpsItem), or reference the alarm from a composite alarm that has actions.",
            Controls.of("REL06-BP03, REL11-BP06", "CC7.2, CC7.3, CC7.4", "A.8.16*",
                    "AU-6(1), AU-6(5), CA-7, IR-4(1), IR-4(5), SI-2, SI-4(5), SI-4(12), SI-20"),
            List.of(RuleParameter.bool(INSUFFICIENT_DATA_ACTION_REQUIRED, false,
                            "Also require an INSUFFICIENT_DATA action (Security Hub default false, Config true)"),
                    RuleParameter.bool(OK_ACTION_REQUIRED, false, "Also require an OK action")),
            Set.of(AwsService.CLOUDWATCH));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<String, Function<Alarm, List<String>>> required = new LinkedHashMap<>();
        required.put("AlarmActions", Alarm::alarmActions);
        if (context.booleanParameter(INSUFFICIENT_DATA_ACTION_REQUIRED)) {
            required.put("InsufficientDataActions", Alarm::insufficientDataActions);
        }
        if (context.booleanParameter(OK_ACTION_REQUIRED)) {
            required.put("OKActions", Alarm::okActions);
        }
        CompositeAlarmIndex composites = CompositeAlarmIndex.of(context.inventory().all(Alarm.class));
        List<Finding> findings = new ArrayList<>();
        for (Alarm alarm : context.inventory().all(Alarm.class)) {
            List<Alarm> referencing = composites.compositesReferencing(alarm);
            FindingBuilder f = context.on(alarm).evidence("AlarmType", alarm.alarmType())
                    .evidence("AlarmActions", alarm.alarmActions()).evidence("OKActions", alarm.okActions())
                    .evidence("InsufficientDataActions", alarm.insufficientDataActions());
            List<String> missing = new ArrayList<>();
            Set<String> coveredBy = new TreeSet<>();
            required.forEach((kind, actions) -> {
                if (!actions.apply(alarm).isEmpty()) {
                    return;
                }
                List<String> covering = referencing.stream().filter(c -> !actions.apply(c).isEmpty())
                        .map(Alarm::name).toList();
                if (covering.isEmpty()) {
                    missing.add(kind);
                }
                coveredBy.addAll(covering);
            });
            f.evidence("CoveredByCompositeAlarms", List.copyOf(coveredBy)).evidence("MissingActions", missing);
            if (missing.isEmpty()) {
                findings.add(f.pass(coveredBy.isEmpty() ? "actions configured: " + describe(alarm)
                        : "actions taken through composite alarm(s) " + String.join(", ", coveredBy)));
            } else if (composites.hasUnreadableRule(alarm.scope())) {
                findings.add(f.error("no " + String.join(", ", missing) + " here, and a composite alarm's "
                        + "AlarmRule was not collected, so coverage through composites cannot be ruled out"));
            } else {
                findings.add(f.fail("no " + String.join(", ", missing) + " and no composite alarm with such "
                        + "actions references it: a state change notifies nobody and triggers nothing"));
            }
        }
        return findings;
    }

    private static String describe(Alarm alarm) {
        long scaling = alarm.alarmActions().stream().filter(a -> a.contains(":autoscaling:")).count();
        return alarm.alarmActions().size() + " alarm action(s)" + (scaling > 0 ? ", " + scaling
                + " of them Auto Scaling policies (target tracking or step scaling)" : "");
    }
}
