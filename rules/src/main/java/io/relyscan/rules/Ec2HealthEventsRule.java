package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.ScheduledEvent;
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
 * R22: an instance passes its status checks and has no disruptive event pending. Impaired system or instance
 * status, or a pending instance-retirement, FAILs; a pending instance-stop, system-reboot, instance-reboot or
 * system-maintenance is a softer failure. Events whose description AWS marks [Completed] or [Canceled] are over.
 * Stopped instances are evaluated too (their checks read not-applicable, but retirement still applies to them).
 */
public final class Ec2HealthEventsRule implements Rule {
    static final String IMPAIRED = "impaired";
    static final String RETIREMENT = "instance-retirement";

    private static final RuleMetadata METADATA = new RuleMetadata("ec2-health-events", "R22",
            "EC2 instances pass status checks and have no pending disruptive events", Severity.HIGH,
            "Ec2Instance",
            "An impaired instance is already failing its workload; a scheduled retirement, stop or reboot will "
                    + "interrupt it at a time AWS chose, unless someone acts first.",
            "Replace or stop and start impaired instances (a start moves them to healthy hardware). For "
                    + "scheduled events, reschedule them or move the workload in a maintenance window of your own "
                    + "before the event's not-before date.",
            Controls.of("REL06-BP01, REL11-BP01", "CC7.2*, A1.2*", "A.8.16*", "SI-4*, CA-7*"),
            List.of(), Set.of(AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Ec2Instance instance : context.inventory().all(Ec2Instance.class)) {
            findings.add(evaluate(context.on(instance), instance));
        }
        return findings;
    }

    private static Finding evaluate(FindingBuilder f, Ec2Instance i) {
        f.evidence("State", i.state()).evidence("SystemStatus", i.systemStatus())
                .evidence("InstanceStatus", i.instanceStatus());
        if (i.systemStatus() == null || i.instanceStatus() == null || i.scheduledEvents() == null) {
            return f.error("instance status (DescribeInstanceStatus) was not collected");
        }
        List<ScheduledEvent> pending = i.scheduledEvents().stream().filter(ScheduledEvent::isPending).toList();
        f.evidence("PendingEvents", pending.stream().map(e -> e.code() + (e.notBefore() == null ? ""
                : " not before " + e.notBefore())).toList());
        List<String> failures = new ArrayList<>();
        if (IMPAIRED.equalsIgnoreCase(i.systemStatus())) {
            failures.add("system status impaired");
        }
        if (IMPAIRED.equalsIgnoreCase(i.instanceStatus())) {
            failures.add("instance status impaired");
        }
        pending.stream().filter(e -> RETIREMENT.equals(e.code()))
                .forEach(e -> failures.add("instance-retirement scheduled" + describe(e)));
        if (!failures.isEmpty()) {
            return f.fail(String.join("; ", failures));
        }
        if (!pending.isEmpty()) {
            return f.fail(METADATA.severity().lower(), "pending event(s): " + String.join("; ",
                    pending.stream().map(e -> e.code() + describe(e)).toList()));
        }
        return f.pass("status checks " + i.systemStatus() + "/" + i.instanceStatus() + ", no pending events");
    }

    private static String describe(ScheduledEvent e) {
        return (e.notBefore() == null ? "" : " not before " + e.notBefore())
                + (e.description() == null || e.description().isBlank() ? "" : " (" + e.description().strip() + ")");
    }
}
