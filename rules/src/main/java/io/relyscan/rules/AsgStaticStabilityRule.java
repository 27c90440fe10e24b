package io.relyscan.rules;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AutoScalingInstance;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * R14: a group that serves traffic keeps enough running capacity to lose one zone without waiting for a scale
 * out. Zones are the group's AvailabilityZones (AWS derives them from the subnets; a Local Zone counts as its
 * own zone, as in R12). Only InService instances count towards a zone: Pending, Standby and Terminating ones
 * serve nothing yet or any more.
 */
public final class AsgStaticStabilityRule implements Rule {
    static final String TRAFFIC_SERVING_ONLY = "trafficServingOnly";

    private static final RuleMetadata METADATA = new RuleMetadata("asg-static-stability", "R14",
            "Auto Scaling groups keep capacity in every zone", Severity.MEDIUM, "AutoScalingGroup",
            "A group with fewer than two instances, or with a zone holding none, loses all or part of its "
                    + "serving capacity when one instance or zone fails, and relies on a scale out (minutes, "
                    + "and capacity that may be short during a zone event) to recover.",
            "Set MinSize to at least 2 and at least the number of zones the group spans, and keep "
                    + "DesiredCapacity high enough that every zone runs an instance.",
            Controls.of("REL11-BP05*", "A1.2*", "A.8.14*", "CP-10*, SC-5(2)*"),
            List.of(RuleParameter.bool(TRAFFIC_SERVING_ONLY, true,
                    "Evaluate only groups attached to a load balancer, target group or traffic source")),
            Set.of(AwsService.AUTOSCALING));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        boolean servingOnly = context.booleanParameter(TRAFFIC_SERVING_ONLY);
        List<Finding> findings = new ArrayList<>();
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            findings.add(evaluate(context.on(asg), asg, servingOnly));
        }
        return findings;
    }

    private static Finding evaluate(FindingBuilder f, AutoScalingGroup asg, boolean servingOnly) {
        f.evidence("MinSize", asg.minSize()).evidence("DesiredCapacity", asg.desiredCapacity())
                .evidence("MaxSize", asg.maxSize()).evidence("AvailabilityZones", asg.availabilityZones());
        boolean serving = !asg.loadBalancerNames().isEmpty() || !asg.targetGroupArns().isEmpty()
                || !asg.trafficSources().isEmpty();
        if (servingOnly && !serving) {
            return f.notApplicable("not attached to a load balancer or traffic source: serves no traffic");
        }
        if (asg.minSize() == null || asg.desiredCapacity() == null || asg.maxSize() == null) {
            return f.error("MinSize, DesiredCapacity or MaxSize was not collected");
        }
        if (asg.desiredCapacity() == 0 && asg.maxSize() == 0) {
            return f.fail(Severity.INFO, "scaled to zero (DesiredCapacity=MaxSize=0): parked, serves nothing");
        }
        if (asg.availabilityZones().isEmpty() || asg.instances() == null) {
            return f.error("the group's availability zones or instances were not collected");
        }
        Map<String, Integer> inService = new TreeMap<>();
        asg.availabilityZones().forEach(z -> inService.put(z, 0));
        for (AutoScalingInstance i : asg.instances()) {
            if (i.isInService() && i.availabilityZone() != null) {
                inService.merge(i.availabilityZone(), 1, Integer::sum);
            }
        }
        List<String> empty = inService.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey)
                .toList();
        int zones = asg.availabilityZones().size();
        f.evidence("InServiceByZone", inService.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList());
        if (asg.minSize() < 2) {
            return f.fail("MinSize=" + asg.minSize() + ": losing one instance leaves the group without "
                    + (asg.minSize() == 0 ? "any guaranteed" : "redundant") + " capacity until it scales out");
        }
        List<String> warnings = new ArrayList<>();
        if (asg.minSize() < zones) {
            warnings.add("MinSize=" + asg.minSize() + " is below the " + zones + " zones the group spans");
        }
        if (!empty.isEmpty()) {
            warnings.add("no InService instance in " + String.join(", ", empty) + " (DesiredCapacity="
                    + asg.desiredCapacity() + ")");
        }
        if (!warnings.isEmpty()) {
            return f.fail(METADATA.severity().lower(), String.join("; ", warnings)
                    + ": a zone outage is absorbed only after a scale out");
        }
        return f.pass("MinSize=" + asg.minSize() + " covers the " + zones
                + " zones and every zone has an InService instance");
    }
}
