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
import java.util.TreeSet;

/**
 * R12: an Auto Scaling group can launch in enough availability zones. Zones come from the group's subnets
 * (VPCZoneIdentifier); a Local Zone subnet counts as its own zone. Groups without subnets, or whose subnets
 * are not all in the inventory, fall back to the group's AvailabilityZones field.
 */
public final class AsgMultiAzRule implements Rule {
    static final String MIN_AVAILABILITY_ZONES = "minAvailabilityZones";
    static final String EXEMPTION_TAG_KEY = "exemptionTagKey";

    private static final RuleMetadata METADATA = new RuleMetadata("asg-multi-az", "R12",
            "Auto Scaling groups span multiple availability zones", Severity.HIGH, "AutoScalingGroup",
            "A group confined to one zone loses all its capacity when that zone fails, and cannot replace "
                    + "the instances anywhere else.",
            "Add subnets in other availability zones to the group's VPCZoneIdentifier. Single-zone batch "
                    + "groups can carry the exemption tag instead.",
            Controls.of("REL10-BP01", "A1.2*", "A.8.14", "CP-2(2), CP-6(2), CP-10, SC-5(2), SC-36, SI-13(5)"),
            List.of(RuleParameter.integer(MIN_AVAILABILITY_ZONES, 2, 1, "Fewest distinct zones a group must span"),
                    RuleParameter.string(EXEMPTION_TAG_KEY, "relyscan:single-az-ok",
                            "Tag key marking a group that is deliberately single-AZ")),
            Set.of(AwsService.AUTOSCALING, AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        int minimum = context.intParameter(MIN_AVAILABILITY_ZONES);
        String exemptionKey = context.stringParameter(EXEMPTION_TAG_KEY);
        Map<ScanScope, Map<String, Subnet>> subnets = new HashMap<>();
        for (Subnet s : context.inventory().all(Subnet.class)) {
            subnets.computeIfAbsent(s.scope(), k -> new HashMap<>()).put(s.subnetId(), s);
        }
        List<Finding> findings = new ArrayList<>();
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            findings.add(evaluate(context.on(asg), asg, subnets.getOrDefault(asg.scope(), Map.of()), minimum,
                    exemptionKey));
        }
        return findings;
    }

    private static Finding evaluate(FindingBuilder f, AutoScalingGroup asg, Map<String, Subnet> subnets,
                                    int minimum, String exemptionKey) {
        f.evidence("VPCZoneIdentifier", asg.subnetIds()).evidence("AvailabilityZones", asg.availabilityZones())
                .evidence("MaxSize", asg.maxSize());
        if (!exemptionKey.isBlank() && asg.tags().containsKey(exemptionKey)) {
            return f.evidence("ExemptionTag", exemptionKey + "=" + asg.tags().get(exemptionKey))
                    .notApplicable("exempted by tag " + exemptionKey + " (deliberately single-AZ)");
        }
        if (asg.maxSize() != null && asg.maxSize() == 0) {
            return f.notApplicable("scaled to zero (MaxSize=0): the group runs no instances");
        }
        Set<String> zones = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String id : asg.subnetIds()) {
            Subnet s = subnets.get(id);
            if (s == null || s.availabilityZone() == null) {
                unknown.add(id);
            } else {
                zones.add(s.availabilityZone());
            }
        }
        String source = "subnets";
        if (asg.subnetIds().isEmpty() || !unknown.isEmpty()) {
            source = unknown.isEmpty() ? "AvailabilityZones (no subnets)"
                    : "AvailabilityZones (subnets not in inventory: " + String.join(", ", unknown) + ")";
            zones = new TreeSet<>(asg.availabilityZones());
        }
        f.evidence("ZoneSource", source).evidence("DistinctAvailabilityZones", List.copyOf(zones));
        if (zones.isEmpty()) {
            return f.error("neither subnet zones nor AvailabilityZones were collected for the group");
        }
        if (zones.size() < minimum) {
            return f.fail("spans " + zones.size() + " availability zone(s) (" + String.join(", ", zones)
                    + "), fewer than " + minimum + "; a zone outage removes " + (zones.size() == 1 ? "all" : "most")
                    + " of its capacity");
        }
        return f.pass("spans " + zones.size() + " availability zones (" + String.join(", ", zones) + ")");
    }
}
