package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
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
import java.util.TreeSet;

/**
 * R25: a load balancer (classic, application, network or gateway) is enabled in enough availability zones.
 * An enabled zone without targets is R27's concern, not this rule's.
 */
public final class ElbMultiAzRule implements Rule {
    static final String MIN_AVAILABILITY_ZONES = "minAvailabilityZones";
    /** The AWS Config rules accept 2-10; RuleParameter has no maximum, so the rule checks it. */
    static final int MAX_AVAILABILITY_ZONES = 10;

    private static final RuleMetadata METADATA = new RuleMetadata("elb-multi-az", "R25",
            "Load balancers span multiple availability zones", Severity.HIGH, "LoadBalancer",
            "A load balancer enabled in a single zone is a single point of failure: when that zone fails, the "
                    + "endpoint stops answering even if targets run elsewhere. Network and gateway load "
                    + "balancers can be created in one zone.",
            "Enable the load balancer in subnets of at least two availability zones (set-subnets for ELBv2, "
                    + "enable-availability-zones-for-load-balancer for classic load balancers).",
            Controls.of("REL10-BP01, REL02-BP01", "A1.2*", "A.8.14", "CP-6(2), CP-10, SC-5(2), SC-36, SI-13(5)"),
            List.of(RuleParameter.integer(MIN_AVAILABILITY_ZONES, 2, 2, MAX_AVAILABILITY_ZONES,
                    "Fewest distinct zones a load balancer must be enabled in (2 to 10)")),
            Set.of(AwsService.ELB, AwsService.ELBV2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        int minimum = context.intParameter(MIN_AVAILABILITY_ZONES);
        List<Finding> findings = new ArrayList<>();
        for (LoadBalancer lb : context.inventory().all(LoadBalancer.class)) {
            Set<String> zones = new TreeSet<>(lb.availabilityZones());
            FindingBuilder f = context.on(lb)
                    .evidence("Type", lb.type())
                    .evidence("Scheme", lb.scheme())
                    .evidence("DistinctAvailabilityZones", List.copyOf(zones));
            if ("failed".equalsIgnoreCase(lb.state())) {
                findings.add(f.evidence("State", lb.state())
                        .notApplicable("load balancer is in state failed: it never came up and serves nothing"));
            } else if (zones.isEmpty()) {
                findings.add(f.error("no availability zones were collected for the load balancer"));
            } else if (zones.size() < minimum) {
                findings.add(f.fail(lb.type() + " load balancer enabled in " + zones.size() + " availability zone(s) ("
                        + String.join(", ", zones) + "), fewer than " + minimum
                        + "; a zone outage takes the endpoint down"));
            } else {
                findings.add(f.pass(lb.type() + " load balancer enabled in " + zones.size()
                        + " availability zones (" + String.join(", ", zones) + ")"));
            }
        }
        return findings;
    }
}
