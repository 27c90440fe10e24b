package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.TargetGroup;
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
 * R30: deregistered targets finish their in-flight requests: connection draining on classic load balancers,
 * a non-zero deregistration delay on target groups. Every failure is a warning, so it keeps the row's LOW.
 */
public final class ElbGracefulDeregistrationRule implements Rule {
    static final String CLASSIC_DRAINING = "connection_draining.enabled";
    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

    private static final RuleMetadata METADATA = new RuleMetadata("elb-graceful-deregistration", "R30",
            "Load balancers drain connections before removing targets", Severity.LOW,
            "LoadBalancer (classic), TargetGroup",
            "Without draining, a target leaving the load balancer (scale-in, deployment, replacement) has its "
                    + "in-flight requests cut off, so routine operations surface as client errors.",
            "Enable connection draining on classic load balancers, and give target groups a deregistration "
                    + "delay above zero (the AWS default is 300 seconds) that covers the longest request.",
            Controls.of("REL11-BP02*", "A1.2*", "A.8.14*", "SC-5(2)*"),
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
            if (!lb.isClassic()) {
                continue;
            }
            String value = lb.attributes() == null ? null : lb.attributes().get(CLASSIC_DRAINING);
            FindingBuilder f = context.on(lb).evidence(CLASSIC_DRAINING, value)
                    .evidence("connection_draining.timeout",
                            lb.attributes() == null ? null : lb.attributes().get("connection_draining.timeout"));
            if (value == null) {
                findings.add(f.error("connection draining setting was not collected"));
            } else if ("true".equalsIgnoreCase(value)) {
                findings.add(f.pass("connection draining is enabled"));
            } else {
                findings.add(f.fail("connection draining is disabled: deregistered instances drop in-flight "
                        + "requests"));
            }
        }
        for (TargetGroup tg : context.inventory().all(TargetGroup.class)) {
            FindingBuilder f = context.on(tg).evidence("TargetType", tg.targetType());
            if ("lambda".equals(tg.targetType())) {
                findings.add(f.notApplicable("lambda target groups have no deregistration delay"));
                continue;
            }
            String value = tg.attributes() == null ? null : tg.attributes().get(DEREGISTRATION_DELAY);
            f.evidence(DEREGISTRATION_DELAY, value);
            if (value == null) {
                findings.add(f.error("the deregistration delay was not collected"));
            } else if ("0".equals(value.trim())) {
                findings.add(f.fail("deregistration delay is 0 seconds: targets leave with requests in flight"));
            } else {
                findings.add(f.pass("deregistration delay is " + value + " seconds"));
            }
        }
        return findings;
    }
}
