package io.relyscan.rules;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * R21: a standalone instance comes back by itself after a host failure, through simplified automatic recovery
 * (MaintenanceOptions.AutoRecovery=default on a type whose AutoRecoverySupported is true, with an EBS root) or a
 * CloudWatch metric alarm on its InstanceId whose actions, enabled, include {@code arn:aws:automate:<region>:
 * ec2:recover}. Without either it is a WARN, raised to a FAIL when no backup selection assigns the instance
 * either (R39's resolution). Group members (the aws:autoscaling:groupName tag or a group's instance list) are
 * replaced by their group and not applicable; stopped and stopping instances have no host to lose and are not
 * applicable until started. Instance store volumes besides an EBS root are not visible in DescribeInstances and
 * are only caught through the type's AutoRecoverySupported.
 */
public final class Ec2StandaloneRecoveryRule implements Rule {
    private static final Pattern RECOVER_ACTION = Pattern.compile("arn:aws[a-z-]*:automate:[a-z0-9-]+:ec2:recover");
    private static final Set<String> EVALUATED_STATES = Set.of("pending", "running");
    private static final RuleMetadata METADATA = new RuleMetadata("ec2-standalone-recovery", "R21",
            "Standalone EC2 instances recover automatically from host failures", Severity.MEDIUM, "Ec2Instance",
            "An instance outside an Auto Scaling group is not replaced when its host fails: without automatic "
                    + "recovery it stays down until someone notices and acts, and without a backup it may not come "
                    + "back at all.",
            "Keep simplified automatic recovery on (aws ec2 modify-instance-maintenance-options --auto-recovery "
                    + "default) on a supported type, or add a StatusCheckFailed_System alarm with the "
                    + "arn:aws:automate:<region>:ec2:recover action; better, run it in an Auto Scaling group of one.",
            Controls.of("REL10-BP02, REL11-BP03", "A1.2*", "A.8.14*", "CP-10*, SI-13(5)*"),
            List.of(), Set.of(AwsService.EC2, AwsService.CLOUDWATCH, AwsService.BACKUP));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<String, String> groupOf = new HashMap<>();
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            asg.instanceIds().forEach(id -> groupOf.put(asg.scope() + "/" + id, asg.name()));
        }
        Map<String, Set<String>> recoverAlarms = new HashMap<>();
        for (Alarm a : context.inventory().all(Alarm.class)) {
            String instanceId = a.dimensions().get("InstanceId");
            if (Alarm.METRIC.equals(a.alarmType()) && Boolean.TRUE.equals(a.actionsEnabled()) && instanceId != null
                    && a.alarmActions().stream().anyMatch(x -> RECOVER_ACTION.matcher(x).matches())) {
                recoverAlarms.computeIfAbsent(a.scope() + "/" + instanceId, k -> new TreeSet<>()).add(a.name());
            }
        }
        BackupAssignments backups = BackupAssignments.of(context.inventory());
        List<Finding> findings = new ArrayList<>();
        for (Ec2Instance i : context.inventory().all(Ec2Instance.class)) {
            String key = i.scope() + "/" + i.instanceId();
            String group = i.autoScalingGroupName() != null ? i.autoScalingGroupName() : groupOf.get(key);
            FindingBuilder f = context.on(i).evidence("State", i.state()).evidence("InstanceType", i.instanceType())
                    .evidence("AutoScalingGroup", group);
            if (group != null) {
                findings.add(f.notApplicable("member of Auto Scaling group " + group + ", which replaces it"));
            } else if (!EVALUATED_STATES.contains(i.state())) {
                findings.add(f.notApplicable("instance is " + i.state() + "; evaluated once it runs"));
            } else {
                findings.add(judge(f, i, recoverAlarms.getOrDefault(key, Set.of()), backups));
            }
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, Ec2Instance i, Set<String> alarms, BackupAssignments backups) {
        f.evidence("AutoRecovery", i.autoRecovery()).evidence("AutoRecoverySupported", i.autoRecoverySupported())
                .evidence("RootDeviceType", i.rootDeviceType()).evidence("RecoverAlarms", alarms);
        if (!alarms.isEmpty()) {
            return f.pass("alarm(s) " + String.join(", ", alarms) + " recover the instance (ec2:recover action)");
        }
        List<String> blockers = new ArrayList<>();
        if ("disabled".equals(i.autoRecovery())) {
            blockers.add("simplified automatic recovery is disabled (MaintenanceOptions.AutoRecovery=disabled)");
        }
        if (Boolean.FALSE.equals(i.autoRecoverySupported())) {
            blockers.add("instance type " + i.instanceType() + " does not support automatic recovery");
        }
        if ("instance-store".equals(i.rootDeviceType())) {
            blockers.add("its root device is an instance store volume, which recovery does not support");
        }
        if (blockers.isEmpty()) {
            if (i.autoRecovery() == null) {
                return f.error("MaintenanceOptions.AutoRecovery was not reported and no alarm recovers it");
            }
            if (i.autoRecoverySupported() == null) {
                return f.error("whether instance type " + i.instanceType() + " supports automatic recovery was "
                        + "not collected, and no alarm recovers it");
            }
            return f.pass("simplified automatic recovery is on (AutoRecovery=" + i.autoRecovery() + ") and "
                    + i.instanceType() + " supports it");
        }
        BackupAssignments.Assignment backup = backups.of(i);
        f.evidence("BackupSelections", backup.matching()).evidence("BackupVerdict", backup.verdict());
        String what = "standalone instance without automatic recovery: " + String.join("; ", blockers)
                + ", and no alarm has the ec2:recover action";
        if (backup.verdict() == BackupSelectionMatcher.Verdict.NO_MATCH) {
            return f.fail(what + "; no backup selection assigns it either (R39 fails)");
        }
        return f.fail(METADATA.severity().lower(), what + (backup.assigned() ? "; backed up by selection(s) "
                + String.join(", ", backup.matching()) : "; whether a backup selection assigns it is undecidable"));
    }
}
