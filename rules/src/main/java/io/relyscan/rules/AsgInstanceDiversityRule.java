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
 * R18: a group can launch more than one instance type, and rebalances Spot or mixed capacity before it is
 * reclaimed. Diverse means a mixed instances policy with at least two distinct override types, or attribute-based
 * selection (InstanceRequirements). The catalog row has only WARN outcomes; its severity, LOW, is that of the
 * findings (lowering it would make every failure INFO). A group that can never run instances (MaxSize=0) is
 * not applicable, as in R12.
 */
public final class AsgInstanceDiversityRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("asg-instance-diversity", "R18",
            "Auto Scaling groups can launch several instance types", Severity.LOW, "AutoScalingGroup",
            "When the only instance type runs short in a zone (insufficient capacity, Spot reclaims), a "
                    + "single-type group cannot replace failed instances or scale out there; Capacity "
                    + "Rebalancing replaces Spot instances at elevated risk before they are interrupted.",
            "Use a mixed instances policy with several instance types (or attribute-based instance type "
                    + "selection) and enable Capacity Rebalancing: aws autoscaling update-auto-scaling-group "
                    + "--capacity-rebalance.",
            Controls.of("REL07-BP01, REL10-BP01*", "A1.1*", "A.8.14",
                    "CP-2(2), CP-6(2), CP-10, SC-5(2), SC-36, SI-13(5)"),
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
        f.evidence("MixedInstancesPolicy", asg.mixedInstancesPolicy())
                .evidence("OverrideInstanceTypes", asg.overrideInstanceTypes())
                .evidence("InstanceRequirements", asg.usesInstanceRequirements())
                .evidence("SpotInMixedPolicy", asg.usesSpot())
                .evidence("CapacityRebalance", asg.capacityRebalance());
        if (asg.maxSize() != null && asg.maxSize() == 0) {
            return f.notApplicable("scaled to zero (MaxSize=0): the group runs no instances");
        }
        if (asg.overrideInstanceTypes() == null || asg.usesInstanceRequirements() == null
                || asg.usesSpot() == null) {
            return f.error("the mixed instances policy was not collected");
        }
        boolean diverse = asg.usesInstanceRequirements() || asg.overrideInstanceTypes().size() >= 2;
        List<String> warnings = new ArrayList<>();
        if (!diverse) {
            warnings.add(asg.overrideInstanceTypes().size() == 1
                    ? "the mixed instances policy lists one instance type (" + asg.overrideInstanceTypes().get(0) + ")"
                    : "one instance type (no mixed instances policy overrides or instance requirements)");
        }
        if (diverse || asg.usesSpot()) {
            if (asg.capacityRebalance() == null) {
                return f.error("CapacityRebalance was not collected");
            }
            if (!asg.capacityRebalance()) {
                warnings.add("CapacityRebalance is off although the group uses "
                        + (asg.usesSpot() ? "Spot" : "several instance types"));
            }
        }
        if (!warnings.isEmpty()) {
            return f.fail(String.join("; ", warnings));
        }
        return f.pass(asg.usesInstanceRequirements() ? "instance types chosen by attributes, Capacity Rebalancing on"
                : asg.overrideInstanceTypes().size() + " instance types (" + String.join(", ",
                asg.overrideInstanceTypes()) + "), Capacity Rebalancing on");
    }
}
