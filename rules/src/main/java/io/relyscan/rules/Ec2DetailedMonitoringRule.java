package io.relyscan.rules;

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

/**
 * R23: standalone and tier-1 instances have detailed (1-minute) monitoring. An instance belongs to a group when
 * it carries the aws:autoscaling:groupName tag or a collected group lists it; such instances are not applicable
 * unless tier-1 (the group, not each instance, is what alarms watch). Only EC2 is an input: when Auto Scaling
 * was not collected, an attached but untagged group member is evaluated as standalone, which can only add a
 * failure, never a false PASS. The catalog row has only a WARN outcome; its severity, LOW, is the findings'.
 */
public final class Ec2DetailedMonitoringRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("ec2-detailed-monitoring", "R23",
            "Standalone and tier-1 EC2 instances have detailed monitoring", Severity.LOW, "Ec2Instance",
            "With basic monitoring, metrics arrive every 5 minutes: alarms on a standalone or critical instance "
                    + "fire minutes later and see short failures not at all.",
            "Enable detailed monitoring: aws ec2 monitor-instances --instance-ids <id> (or Monitoring.Enabled "
                    + "in the launch template).",
            Controls.of("REL06-BP01", "CC7.2", "A.8.16*", "CA-7*, SI-4*"),
            List.of(), Set.of(AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<String, String> groupOf = new HashMap<>();
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            asg.instanceIds().forEach(id -> groupOf.put(asg.account() + "/" + asg.region() + "/" + id, asg.name()));
        }
        List<Finding> findings = new ArrayList<>();
        for (Ec2Instance i : context.inventory().all(Ec2Instance.class)) {
            String group = i.autoScalingGroupName() != null ? i.autoScalingGroupName()
                    : groupOf.get(i.account() + "/" + i.region() + "/" + i.instanceId());
            findings.add(evaluate(context.on(i), i, group, context.isTier1(i)));
        }
        return findings;
    }

    private static Finding evaluate(FindingBuilder f, Ec2Instance i, String group, boolean tier1) {
        f.evidence("MonitoringState", i.monitoringState()).evidence("State", i.state())
                .evidence("AutoScalingGroup", group).evidence("Tier1", tier1);
        if (group != null && !tier1) {
            return f.notApplicable("member of Auto Scaling group " + group + " and not tier-1");
        }
        if (i.monitoringState() == null) {
            return f.error("Monitoring.State was not collected");
        }
        String why = tier1 ? "tier-1 instance" : "standalone instance";
        if (!"enabled".equals(i.monitoringState())) {
            return f.fail(why + " with detailed monitoring " + i.monitoringState()
                    + ": metrics every 5 minutes delay its alarms");
        }
        return f.pass(why + " with detailed monitoring enabled");
    }
}
