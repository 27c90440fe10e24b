package io.relyscan.rules;

import io.relyscan.core.inventory.AutoScalingGroup;
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

/**
 * R16: no scaling process the group needs to heal itself is suspended. Launch, Terminate, HealthCheck,
 * ReplaceUnhealthy and AZRebalance keep capacity alive and spread: suspending one FAILs. Suspending any other
 * process (AlarmNotification, ScheduledActions, AddToLoadBalancer, and InstanceRefresh or any process AWS adds
 * later) is a softer failure. Suspensions are often left behind after maintenance, so parked groups are
 * evaluated too.
 */
public final class AsgSuspendedProcessesRule implements Rule {
    static final Set<String> CRITICAL = Set.of("Launch", "Terminate", "HealthCheck", "ReplaceUnhealthy",
            "AZRebalance");

    private static final RuleMetadata METADATA = new RuleMetadata("asg-suspended-processes", "R16",
            "Auto Scaling groups have no suspended processes", Severity.HIGH, "AutoScalingGroup",
            "A suspended Launch, Terminate, HealthCheck, ReplaceUnhealthy or AZRebalance process stops the group "
                    + "from replacing failed instances or rebalancing after a zone recovers; suspended alarm "
                    + "notifications, scheduled actions or load balancer registration silently disable scaling "
                    + "policies, schedules and traffic to new instances.",
            "Resume the processes once the maintenance that needed them suspended is over: aws autoscaling "
                    + "resume-processes --auto-scaling-group-name <name>.",
            Controls.of("REL11-BP03*", "A1.2*", "A.8.14*", "CP-10*, SI-13(5)*"),
            List.of(), Set.of(AwsService.AUTOSCALING));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            findings.add(evaluate(context.on(asg), asg));
        }
        return findings;
    }

    private static Finding evaluate(FindingBuilder f, AutoScalingGroup asg) {
        f.evidence("SuspendedProcesses", asg.suspendedProcesses());
        if (asg.suspendedProcesses() == null) {
            return f.error("SuspendedProcesses was not collected");
        }
        List<String> critical = asg.suspendedProcesses().stream().filter(CRITICAL::contains).sorted().toList();
        List<String> other = asg.suspendedProcesses().stream().filter(p -> !CRITICAL.contains(p)).sorted()
                .toList();
        if (!critical.isEmpty()) {
            return f.fail("suspended: " + String.join(", ", asg.suspendedProcesses().stream().sorted().toList())
                    + "; with " + String.join(", ", critical) + " suspended the group cannot heal or rebalance");
        }
        if (!other.isEmpty()) {
            return f.fail(METADATA.severity().lower(), "suspended: " + String.join(", ", other)
                    + "; scaling policies, schedules or load balancer registration no longer act on the group");
        }
        return f.pass("no scaling process is suspended");
    }
}
