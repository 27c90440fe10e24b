package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** R29: application, network and gateway load balancers have deletion protection; classic ones have none. */
public final class ElbDeletionProtectionRule implements Rule {
    static final String ATTRIBUTE = "deletion_protection.enabled";

    private static final RuleMetadata METADATA = new RuleMetadata("elb-deletion-protection", "R29",
            "Load balancers are protected from deletion", Severity.MEDIUM, "LoadBalancer",
            "Deleting a load balancer takes its DNS name and every service behind it offline at once, and a new "
                    + "one gets a different name; deletion protection makes an accidental delete or a stray "
                    + "infrastructure-as-code change fail instead.",
            "Set the load balancer attribute deletion_protection.enabled to true (console: Attributes, Deletion "
                    + "protection).",
            Controls.of("REL10-BP01*", "A1.2*", "A.5.30*", "CA-9(1), CM-2, CM-2(2), CM-3, SC-5(2)"),
            List.of(),
            Set.of(AwsService.ELB, AwsService.ELBV2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LoadBalancer lb : context.inventory().all(LoadBalancer.class)) {
            FindingBuilder f = context.on(lb).evidence("Type", lb.type());
            if (lb.isClassic()) {
                findings.add(f.notApplicable("classic load balancers have no deletion protection attribute"));
                continue;
            }
            String value = lb.attributes() == null ? null : lb.attributes().get(ATTRIBUTE);
            f.evidence(ATTRIBUTE, value);
            if (lb.attributes() == null) {
                findings.add(f.error("load balancer attributes were not collected"));
            } else if (value == null) {
                findings.add(f.error("the attribute " + ATTRIBUTE + " was not reported"));
            } else if ("true".equalsIgnoreCase(value)) {
                findings.add(f.pass("deletion protection is enabled"));
            } else {
                findings.add(f.fail("deletion protection is disabled: one delete call takes the endpoint down"));
            }
        }
        return findings;
    }
}
