package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.ScanScope;
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
 * R20: running instances are spread over zones. Without {@code workloadTagKey}, one finding per region over all
 * running instances. With it, one finding per value of that tag (a "Workload" subject within the region), and
 * instances without the tag are left out: mixing unrelated workloads is the whole-region noise the tag avoids.
 * Only running instances count; a Local Zone counts as its own zone, as in R12. A region (or workload) with no
 * running instance is not applicable. The imbalance is (max - min) / max over the zones in use.
 */
public final class Ec2AzDistributionRule implements Rule {
    static final String WORKLOAD_TAG_KEY = "workloadTagKey";
    static final String MAX_IMBALANCE_PERCENT = "maxImbalancePercent";

    private static final RuleMetadata METADATA = new RuleMetadata("ec2-az-distribution", "R20",
            "Running EC2 instances are spread over availability zones", Severity.MEDIUM, "Region",
            "Instances concentrated in one zone go down together when it fails; an uneven spread loses a large "
                    + "share of capacity with the busiest zone.",
            "Run the workload in several zones (an Auto Scaling group over subnets in each zone does it for "
                    + "you) and keep the zones' instance counts close.",
            Controls.of("REL10-BP01", "A1.2*", "A.8.14*", "CP-10*, SC-36*"),
            List.of(RuleParameter.string(WORKLOAD_TAG_KEY, "",
                            "Tag key grouping instances into workloads: one finding per tag value, untagged "
                                    + "instances left out; blank evaluates each region as a whole"),
                    RuleParameter.integer(MAX_IMBALANCE_PERCENT, 20, 0, 100,
                            "Largest tolerated (max - min) / max of the zones' instance counts, in percent")),
            Set.of(AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        String tagKey = context.stringParameter(WORKLOAD_TAG_KEY).trim();
        int maxImbalance = context.intParameter(MAX_IMBALANCE_PERCENT);
        Map<ScanScope, Map<String, List<Ec2Instance>>> groups = new TreeMap<>();
        context.inventory().scopes().forEach(s -> groups.put(s, new TreeMap<>()));
        for (Ec2Instance i : context.inventory().all(Ec2Instance.class)) {
            if (!"running".equals(i.state()) || (!tagKey.isEmpty() && !i.tags().containsKey(tagKey))) {
                continue;
            }
            String group = tagKey.isEmpty() ? "" : tagKey + "=" + i.tags().get(tagKey);
            groups.computeIfAbsent(i.scope(), k -> new TreeMap<>()).computeIfAbsent(group, k -> new ArrayList<>())
                    .add(i);
        }
        List<Finding> findings = new ArrayList<>();
        groups.forEach((scope, byGroup) -> {
            if (byGroup.isEmpty()) {
                findings.add(context.on(scope).notApplicable(tagKey.isEmpty() ? "no running instances"
                        : "no running instances tagged " + tagKey));
            }
            byGroup.forEach((group, instances) -> findings.add(evaluate(
                    group.isEmpty() ? context.on(scope) : context.on(scope, "Workload", group), instances,
                    maxImbalance)));
        });
        return findings;
    }

    private static Finding evaluate(FindingBuilder f, List<Ec2Instance> instances, int maxImbalance) {
        Map<String, Integer> perZone = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (Ec2Instance i : instances) {
            if (i.availabilityZone() == null) {
                unknown.add(i.instanceId());
            } else {
                perZone.merge(i.availabilityZone(), 1, Integer::sum);
            }
        }
        f.evidence("RunningInstances", instances.size()).evidence("RunningByZone",
                perZone.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (!unknown.isEmpty()) {
            return f.error("availability zone not collected for " + String.join(", ", unknown));
        }
        if (perZone.size() == 1) {
            return f.fail("all " + instances.size() + " running instance(s) are in "
                    + perZone.keySet().iterator().next() + ": a zone outage stops all of them");
        }
        int max = perZone.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = perZone.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        int imbalance = (int) Math.round(100.0 * (max - min) / max);
        f.evidence("ImbalancePercent", imbalance);
        if ((long) (max - min) * 100 > (long) maxImbalance * max) {
            return f.fail(METADATA.severity().lower(), "uneven spread over " + perZone.size() + " zones (" + min
                    + " to " + max + " instances, " + imbalance + "% > " + maxImbalance + "%)");
        }
        return f.pass(instances.size() + " running instances over " + perZone.size() + " zones, imbalance "
                + imbalance + "%");
    }
}
