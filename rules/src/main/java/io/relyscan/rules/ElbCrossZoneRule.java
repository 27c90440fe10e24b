package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.TargetGroup;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * R26: traffic is spread across zones. Classic: the cross-zone attribute. Network and gateway: the load
 * balancer attribute (off by default) unless a target group overrides it. Application: always on at the
 * load balancer, so only a target group overriding it to false fails.
 */
public final class ElbCrossZoneRule implements Rule {
    static final String EXEMPTION_TAG_KEY = "exemptionTagKey";

    private static final RuleMetadata METADATA = new RuleMetadata("elb-cross-zone", "R26",
            "Load balancers distribute traffic across zones", Severity.MEDIUM, "LoadBalancer",
            "Without cross-zone load balancing each zone's nodes send traffic only to targets in their own zone: "
                    + "a zone with fewer healthy targets is overloaded, and one with none drops its share of "
                    + "requests even though other zones have capacity.",
            "Enable cross-zone load balancing on the load balancer (classic, network, gateway) and remove target "
                    + "group overrides that turn it off. A network load balancer that is zonal on purpose can "
                    + "carry the exemption tag instead.",
            Controls.of("REL10-BP01, REL02-BP01", "A1.2*", "A.8.14*", "CP-6(2), CP-10, SC-5(2), SC-36, SI-13(5)"),
            List.of(RuleParameter.string(EXEMPTION_TAG_KEY, "relyscan:zonal-ok",
                    "Tag key marking a load balancer that is deliberately zonal")),
            Set.of(AwsService.ELB, AwsService.ELBV2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        String exemptionKey = context.stringParameter(EXEMPTION_TAG_KEY);
        LoadBalancerTopology topology = new LoadBalancerTopology(context.inventory());
        List<Finding> findings = new ArrayList<>();
        for (LoadBalancer lb : context.inventory().all(LoadBalancer.class)) {
            findings.add(evaluate(context.on(lb), lb, topology.targetGroups(lb), exemptionKey));
        }
        return findings;
    }

    private static Finding evaluate(FindingBuilder f, LoadBalancer lb, List<TargetGroup> groups, String exemptionKey) {
        f.evidence("Type", lb.type());
        if (!exemptionKey.isBlank() && lb.tags().containsKey(exemptionKey)) {
            return f.evidence("ExemptionTag", exemptionKey + "=" + lb.tags().get(exemptionKey))
                    .notApplicable("exempted by tag " + exemptionKey + " (deliberately zonal)");
        }
        Boolean own = LoadBalancerTopology.loadBalancerCrossZone(lb);
        if (!LoadBalancerTopology.isApplication(lb)) {
            String key = lb.isClassic() ? LoadBalancerTopology.CLASSIC_CROSS_ZONE : LoadBalancerTopology.V2_CROSS_ZONE;
            f.evidence(key, lb.attributes() == null ? null : lb.attributes().getOrDefault(key, "(absent: false)"));
        }
        if (own == null) {
            return f.error("load balancer attributes were not collected");
        }
        if (lb.isClassic()) {
            return own ? f.pass("cross-zone load balancing is enabled")
                    : f.fail("cross-zone load balancing is disabled: each zone serves only its own instances");
        }
        List<String> off = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (TargetGroup tg : groups) {
            Boolean effective = LoadBalancerTopology.effectiveCrossZone(lb, tg);
            if (effective == null) {
                unknown.add(tg.name());
            } else if (!effective) {
                off.add(tg.name());
            }
        }
        f.evidence("TargetGroupsWithCrossZoneOff", off);
        if (!unknown.isEmpty()) {
            return f.error("attributes of target group(s) " + String.join(", ", unknown) + " were not collected");
        }
        if (!off.isEmpty()) {
            return f.fail("cross-zone load balancing is off for target group(s) " + String.join(", ", off)
                    + (own ? " (overriding the load balancer)" : "")
                    + ": each zone serves only its own targets");
        }
        if (!own && groups.isEmpty()) {
            return f.fail("cross-zone load balancing is disabled (the default for " + lb.type()
                    + " load balancers): each zone serves only its own targets");
        }
        return f.pass(LoadBalancerTopology.isApplication(lb)
                ? "cross-zone load balancing is always on for application load balancers and no target group "
                        + "turns it off"
                : "cross-zone load balancing is in effect for every target group");
    }
}
