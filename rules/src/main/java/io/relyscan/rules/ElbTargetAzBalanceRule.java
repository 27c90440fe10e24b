package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.TargetGroup;
import io.relyscan.core.inventory.TargetHealth;
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
import java.util.TreeSet;
import java.util.Locale;

/**
 * R27: healthy targets are spread over the load balancer's zones. Target zones come from the target itself
 * (IP targets) or from the EC2 inventory. Not judged: single-zone load balancers, zone counts differing by at
 * most one, IP targets outside the VPC (zone "all").
 */
public final class ElbTargetAzBalanceRule implements Rule {
    static final String FAIL_SHARE = "failSharePercent";
    static final String WARN_SHARE = "warnSharePercent";

    private static final RuleMetadata METADATA = new RuleMetadata("elb-target-az-balance", "R27",
            "Load balancer targets are balanced across zones", Severity.MEDIUM, "TargetGroup, LoadBalancer (classic)",
            "When most healthy targets sit in one zone, losing that zone removes most of the capacity; an enabled "
                    + "zone without healthy targets drops its share of traffic when cross-zone balancing is off.",
            "Register targets in every enabled zone in similar numbers (for Auto Scaling groups: subnets in each "
                    + "zone and AZRebalance active), or enable cross-zone load balancing.",
            Controls.of("REL10-BP01, REL11-BP05*", "A1.2*", "A.8.14*", "CP-10*, SC-36*"),
            List.of(RuleParameter.integer(FAIL_SHARE, 66, 1, "Share of healthy targets in one zone above which "
                            + "the rule fails (percent)"),
                    RuleParameter.integer(WARN_SHARE, 50, 1, "Share of healthy targets in one zone above which "
                            + "the rule warns (percent)")),
            Set.of(AwsService.ELB, AwsService.ELBV2, AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        int failShare = context.intParameter(FAIL_SHARE);
        int warnShare = context.intParameter(WARN_SHARE);
        LoadBalancerTopology topology = new LoadBalancerTopology(context.inventory());
        List<Finding> findings = new ArrayList<>();
        for (TargetGroup tg : context.inventory().all(TargetGroup.class)) {
            FindingBuilder f = context.on(tg).evidence("TargetType", tg.targetType());
            LoadBalancer lb = topology.loadBalancer(tg);
            if (lb == null) {
                findings.add(f.notApplicable("not attached to a load balancer in the inventory"));
            } else if ("lambda".equals(tg.targetType()) || "alb".equals(tg.targetType())) {
                findings.add(f.notApplicable(tg.targetType() + " targets have no availability zone"));
            } else {
                findings.add(judge(f, lb, tg.targets(), LoadBalancerTopology.effectiveCrossZone(lb, tg), topology,
                        failShare, warnShare, "healthy"));
            }
        }
        for (LoadBalancer lb : context.inventory().all(LoadBalancer.class)) {
            if (lb.isClassic()) {
                findings.add(judge(context.on(lb), lb, lb.instanceHealth(),
                        LoadBalancerTopology.loadBalancerCrossZone(lb), topology, failShare, warnShare, "InService"));
            }
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, LoadBalancer lb, List<TargetHealth> targets, Boolean crossZone,
                                 LoadBalancerTopology topology, int failShare, int warnShare, String healthyState) {
        Set<String> enabled = new TreeSet<>(lb.availabilityZones());
        f.evidence("LoadBalancer", lb.name()).evidence("EnabledAvailabilityZones", List.copyOf(enabled));
        if (enabled.size() < 2) {
            return f.notApplicable("the load balancer is enabled in a single zone (see elb-multi-az)");
        }
        if (targets == null) {
            return f.error("target health was not collected");
        }
        LoadBalancerTopology.ZoneCounts counts = topology.healthyPerZone(lb, targets, healthyState);
        Map<String, Integer> healthy = counts.healthy();
        f.evidence("HealthyTargetsPerZone", healthy).evidence("CrossZoneInEffect", crossZone);
        if (!counts.unknownZone().isEmpty()) {
            return f.error("zone of healthy target(s) " + String.join(", ", counts.unknownZone()) + " is unknown");
        }
        int total = counts.total();
        if (total == 0) {
            return f.notApplicable("no healthy targets to balance (see elb-target-health)");
        }
        int max = healthy.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = healthy.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        List<String> empty = healthy.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        if (!empty.isEmpty() && crossZone == null) {
            return f.error("cross-zone setting unknown: attributes were not collected");
        }
        if (!empty.isEmpty() && !crossZone) {
            return f.fail("no healthy target in enabled zone(s) " + String.join(", ", empty)
                    + " while cross-zone load balancing is off: their share of traffic is dropped");
        }
        if (max - min <= 1) {
            return f.pass(total + " healthy target(s) balanced across " + enabled.size() + " zones " + healthy);
        }
        double share = 100.0 * max / total;
        String what = String.format(Locale.ROOT, "%.0f%% of the %d healthy targets sit in one zone %s",
                share, total, healthy);
        if (share > failShare) {
            return f.fail(what + ": losing it removes most of the capacity");
        }
        if (share > warnShare) {
            return f.fail(METADATA.severity().lower(), what);
        }
        return f.pass(what);
    }
}
