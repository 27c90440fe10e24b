package io.relyscan.rules;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AutoScalingInstance;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ScalingActivity;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * R15: a group runs the capacity it asks for, on healthy instances, evenly across zones, and its scaling works.
 * How long InService has been below Desired is read from the scaling activities: InService only falls, and Desired
 * only rises, with an activity (launch, terminate, standby, detach, capacity change), so a group that is short now
 * and whose newest activity event (start or end) is older than N minutes has been short for at least that long.
 * Activities are collected for the last 24 hours ({@link ScalingActivity#COLLECTED_WINDOW}); none there means none
 * for a day. A group short with its Launch process suspended cannot close the gap, and a capacity change made while
 * Launch is suspended leaves no activity, so it is flagged whatever the activities say.
 */
public final class AsgCapacityHealthRule implements Rule {
    static final String SHORTFALL_MINUTES = "shortfallMinutes";
    static final String MAX_ZONE_IMBALANCE = "maxZoneImbalance";
    static final String MAX_ZONE_IMBALANCE_PERCENT = "maxZoneImbalancePercent";
    private static final Duration FAILURE_WINDOW = ScalingActivity.COLLECTED_WINDOW;

    private static final RuleMetadata METADATA = new RuleMetadata("asg-capacity-health", "R15",
            "Auto Scaling groups run their desired capacity on healthy, balanced instances", Severity.MEDIUM,
            "AutoScalingGroup",
            "A group that stays below its desired capacity, keeps unhealthy instances, piles instances into one zone "
                    + "or fails its scaling activities has less capacity than planned, and loses more of it when a "
                    + "zone fails. Launch failures (quota, capacity, a broken launch template) repeat until fixed. "
                    + "How long a group has been short is read from its scaling activities (InService falls and "
                    + "Desired rises only through one): short now with no activity event in the last N minutes means "
                    + "short for longer than N minutes; a short group whose Launch process is suspended is flagged "
                    + "whatever its activities say.",
            "Read the group's activity history (aws autoscaling describe-scaling-activities) for the failure cause "
                    + "and fix it (quota, instance type availability, launch template, subnet IPs); replace "
                    + "unhealthy instances and keep AZRebalance running so zones even out.",
            Controls.of("REL07-BP01, REL11-BP03*", "CC7.2*, A1.2*", "A.8.16*, A.8.6*", "SI-4*, CP-10*"),
            List.of(RuleParameter.integer(SHORTFALL_MINUTES, 30, 1, 1440,
                            "Warn when InService stays below DesiredCapacity for longer than this many minutes "
                                    + "(at most the 24 hours of collected scaling activities)"),
                    RuleParameter.integer(MAX_ZONE_IMBALANCE, 1, 0, 10000,
                            "Per-zone InService counts may differ by this many instances"),
                    RuleParameter.integer(MAX_ZONE_IMBALANCE_PERCENT, 20, 0, 100,
                            "... or by this percentage of the largest zone's count, whichever is more")),
            Set.of(AwsService.AUTOSCALING));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<String, List<ScalingActivity>> activities = new HashMap<>();
        for (ScalingActivity a : context.inventory().all(ScalingActivity.class)) {
            activities.computeIfAbsent(a.account() + "/" + a.region() + "/" + a.autoScalingGroupName(),
                    k -> new ArrayList<>()).add(a);
        }
        List<Finding> findings = new ArrayList<>();
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            findings.add(evaluate(context, asg, activities.getOrDefault(asg.account() + "/" + asg.region() + "/"
                    + asg.name(), List.of())));
        }
        return findings;
    }

    private static Finding evaluate(RuleContext context, AutoScalingGroup asg, List<ScalingActivity> activities) {
        FindingBuilder f = context.on(asg).evidence("DesiredCapacity", asg.desiredCapacity());
        if (asg.desiredCapacity() == null || asg.instances() == null) {
            return f.error("DesiredCapacity or the group's instances were not collected");
        }
        Instant now = context.now();
        ScalingActivityHistory history = ScalingActivityHistory.of(activities, now.minus(FAILURE_WINDOW));
        Instant lastEvent = history.lastEvent();
        List<ScalingActivity> failed = history.failed();
        Map<String, Integer> byZone = new TreeMap<>();
        asg.availabilityZones().forEach(z -> byZone.put(z, 0));
        List<String> unhealthy = new ArrayList<>();
        int inService = 0;
        for (AutoScalingInstance i : asg.instances()) {
            if (i.isInService()) {
                inService++;
                if (i.availabilityZone() != null) {
                    byZone.merge(i.availabilityZone(), 1, Integer::sum);
                }
            }
            if ("Unhealthy".equalsIgnoreCase(i.healthStatus())) {
                unhealthy.add(i.instanceId() + " (" + i.lifecycleState() + ")");
            }
        }
        f.evidence("InServiceCount", inService)
                .evidence("InServiceByZone", byZone.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList())
                .evidence("UnhealthyInstances", unhealthy)
                .evidence("FailedActivitiesLast24h", history.describeFailures())
                .evidence("LatestActivityEvent", lastEvent == null ? null : lastEvent.toString())
                .evidence("SuspendedProcesses", asg.suspendedProcesses());
        if (asg.desiredCapacity() == 0 && asg.instances().isEmpty() && failed.isEmpty()) {
            return f.notApplicable("scaled to zero (DesiredCapacity=0, no instances) and no failed activity in 24 h");
        }
        List<String> warnings = new ArrayList<>();
        int shortBy = asg.desiredCapacity() - inService;
        if (shortBy > 0) {
            int limit = context.intParameter(SHORTFALL_MINUTES);
            boolean launchSuspended = asg.suspendedProcesses() != null && asg.suspendedProcesses().contains("Launch");
            String gap = "InService " + inService + " < DesiredCapacity " + asg.desiredCapacity();
            if (launchSuspended) {
                warnings.add(gap + " with the Launch process suspended: the group cannot close the gap");
            } else if (!history.timesReadable()) {
                return f.error(gap + ", but an activity time of the group could not be read: cannot tell how "
                        + "long the group has been short");
            } else if (lastEvent == null) {
                warnings.add(gap + " and no scaling activity in the last 24 h: short for longer than " + limit
                        + " minutes");
            } else {
                long minutes = Duration.between(lastEvent, now).toMinutes();
                if (minutes > limit) {
                    warnings.add(gap + " since at least the last scaling activity event at " + lastEvent + " ("
                            + minutes + " minutes, limit " + limit + ")");
                }
            }
        }
        if (!unhealthy.isEmpty()) {
            warnings.add(unhealthy.size() + " instance(s) Unhealthy: " + String.join(", ", unhealthy));
        }
        String imbalance = imbalance(context, byZone);
        if (imbalance != null) {
            warnings.add(imbalance);
        }
        if (!failed.isEmpty()) {
            ScalingActivity newest = failed.get(0);
            warnings.add(failed.size() + " scaling activit" + (failed.size() == 1 ? "y" : "ies")
                    + " failed in the last 24 h, newest " + newest.startTime() + ": "
                    + ScalingActivityHistory.reason(newest));
        }
        if (!warnings.isEmpty()) {
            return f.fail(String.join("; ", warnings));
        }
        return f.pass(inService + " of " + asg.desiredCapacity() + " desired instances InService"
                + (shortBy > 0 ? " (short for at most " + Duration.between(lastEvent, now).toMinutes()
                + " minutes: a scale out in progress)" : "")
                + ", all healthy, zones balanced, no failed scaling activity in 24 h");
    }

    /** A description of the imbalance, or null when the zones are balanced within both thresholds. */
    private static String imbalance(RuleContext context, Map<String, Integer> byZone) {
        if (byZone.size() < 2) {
            return null;
        }
        int max = Collections.max(byZone.values());
        int min = Collections.min(byZone.values());
        int diff = max - min;
        int allowed = context.intParameter(MAX_ZONE_IMBALANCE);
        int percent = context.intParameter(MAX_ZONE_IMBALANCE_PERCENT);
        if (diff > allowed && diff * 100L > (long) percent * max) {
            return "InService instances unevenly spread over zones (" + byZone + "): counts differ by " + diff
                    + ", more than " + allowed + " and " + percent + "% of " + max;
        }
        return null;
    }
}
