package io.relyscan.rules;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** R32: an alarm's actions are not muted (ActionsEnabled=false silences every configured action). */
public final class CwAlarmActionsEnabledRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("cw-alarm-actions-enabled", "R32",
            "CloudWatch alarm actions are enabled", Severity.HIGH, "Alarm",
            "A muted alarm still changes state but runs none of its actions: the page, the scaling policy or the "
                    + "recovery it was configured for never happens. Muting during maintenance is often never undone.",
            "Re-enable the actions (aws cloudwatch enable-alarm-actions --alarm-names NAME); for planned "
                    + "maintenance prefer composite-alarm action suppression or a time-boxed waiver.",
            Controls.of("REL06-BP03, REL06-BP04", "CC4.2", "A.8.16*", "AU-6(1), AU-6(5), CA-7, SI-2, SI-4(12)"),
            List.of(), Set.of(AwsService.CLOUDWATCH));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Alarm alarm : context.inventory().all(Alarm.class)) {
            int actions = alarm.alarmActions().size() + alarm.okActions().size()
                    + alarm.insufficientDataActions().size();
            FindingBuilder f = context.on(alarm)
                    .evidence("ActionsEnabled", alarm.actionsEnabled())
                    .evidence("AlarmType", alarm.alarmType())
                    .evidence("ConfiguredActionCount", actions);
            if (alarm.actionsEnabled() == null) {
                findings.add(f.error("ActionsEnabled was not collected"));
            } else if (actions == 0) {
                findings.add(f.notApplicable("the alarm has no actions to mute (see cw-alarm-has-actions)"));
            } else if (!alarm.actionsEnabled()) {
                findings.add(f.fail("ActionsEnabled=false: " + actions
                        + " configured action(s) are muted and will not run when the alarm fires"));
            } else {
                findings.add(f.pass("ActionsEnabled=true: " + actions + " configured action(s) run on state changes"));
            }
        }
        return findings;
    }
}
