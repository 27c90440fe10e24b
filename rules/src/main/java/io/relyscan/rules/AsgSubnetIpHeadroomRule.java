package io.relyscan.rules;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.Subnet;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R19: a group's subnets have enough free IP addresses for it to scale to MaxSize: the summed
 * AvailableIpAddressCount must cover (MaxSize - current instances) x ENIs per instance. Current instances hold
 * their addresses already, whatever their lifecycle state. Subnets shared with other groups are counted fully
 * for each group (as Trusted Advisor does). Groups without subnets (zones only, default VPC) are not applicable.
 */
public final class AsgSubnetIpHeadroomRule implements Rule {
    static final String ENIS_PER_INSTANCE = "enisPerInstance";

    private static final RuleMetadata METADATA = new RuleMetadata("asg-subnet-ip-headroom", "R19",
            "Auto Scaling group subnets have free IP addresses to reach MaxSize", Severity.MEDIUM,
            "AutoScalingGroup",
            "A group whose subnets run out of addresses cannot launch replacements or scale out: launches fail "
                    + "with InsufficientFreeAddressesInSubnet exactly when capacity is needed.",
            "Add subnets with free addresses to the group's VPCZoneIdentifier, use larger subnets, or release "
                    + "unused network interfaces and addresses.",
            Controls.of("REL02-BP03", "A1.1*", "A.8.6*", "SC-5(2)*, SC-6*"),
            List.of(RuleParameter.integer(ENIS_PER_INSTANCE, 1, 1,
                    "Network interfaces (IP addresses) each instance takes from the subnets")),
            Set.of(AwsService.AUTOSCALING, AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        int enis = context.intParameter(ENIS_PER_INSTANCE);
        Map<ScanScope, Map<String, Subnet>> subnets = new HashMap<>();
        for (Subnet s : context.inventory().all(Subnet.class)) {
            subnets.computeIfAbsent(s.scope(), k -> new HashMap<>()).put(s.subnetId(), s);
        }
        List<Finding> findings = new ArrayList<>();
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            findings.add(evaluate(context.on(asg), asg, subnets.getOrDefault(asg.scope(), Map.of()), enis));
        }
        return findings;
    }

    private static Finding evaluate(FindingBuilder f, AutoScalingGroup asg, Map<String, Subnet> subnets, int enis) {
        f.evidence("VPCZoneIdentifier", asg.subnetIds()).evidence("MaxSize", asg.maxSize());
        if (asg.subnetIds().isEmpty()) {
            return f.notApplicable("no VPCZoneIdentifier subnets: the group launches into default subnets");
        }
        if (asg.maxSize() == null || asg.instances() == null) {
            return f.error("MaxSize or the group's instances were not collected");
        }
        long available = 0;
        List<String> perSubnet = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : asg.subnetIds()) {
            Subnet s = subnets.get(id);
            if (s == null || s.availableIpAddressCount() == null) {
                unknown.add(id);
            } else {
                available += s.availableIpAddressCount();
                perSubnet.add(id + "=" + s.availableIpAddressCount());
            }
        }
        int current = asg.instances().size();
        long needed = (long) Math.max(0, asg.maxSize() - current) * enis;
        f.evidence("AvailableIpAddressCount", perSubnet).evidence("CurrentInstances", current)
                .evidence("AddressesNeeded", needed).evidence("AddressesAvailable", available);
        if (!unknown.isEmpty()) {
            return f.error("free addresses of subnet(s) " + String.join(", ", unknown) + " were not collected");
        }
        if (available < needed) {
            return f.fail(available + " free address(es) in the group's subnets, fewer than the " + needed
                    + " needed to grow from " + current + " to MaxSize=" + asg.maxSize() + " (" + enis
                    + " per instance)");
        }
        return f.pass(available + " free addresses cover the " + needed + " needed to reach MaxSize="
                + asg.maxSize());
    }
}
