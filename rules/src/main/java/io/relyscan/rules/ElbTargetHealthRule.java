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
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * R28: a target group serving a load balancer, or a classic load balancer, has healthy targets. No healthy
 * target is an outage in progress; disabled health checks, no targets or some unhealthy ones are warnings.
 */
public final class ElbTargetHealthRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("elb-target-health", "R28",
            "Load balancers have healthy targets", Severity.HIGH, "TargetGroup, LoadBalancer (classic)",
            "A load balancer without a healthy target answers every request with an error: the service is down "
                    + "even though the load balancer itself is up. Unhealthy targets reduce capacity, and disabled "
                    + "health checks send traffic to targets that cannot serve it.",
            "Find why targets fail their health checks (target group health reasons, instance logs), register "
                    + "healthy targets, and enable health checks on the target group.",
            Controls.of("REL11-BP01, REL11-BP02", "CC7.2*, A1.2*", "A.8.16*", "SI-4*, CA-7*"),
            List.of(),
            Set.of(AwsService.ELB, AwsService.ELBV2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (TargetGroup tg : context.inventory().all(TargetGroup.class)) {
            FindingBuilder f = context.on(tg).evidence("HealthCheckEnabled", tg.healthCheckEnabled())
                    .evidence("TargetType", tg.targetType());
            if (tg.loadBalancerArns().isEmpty()) {
                findings.add(f.notApplicable("not attached to a load balancer: it serves no traffic"));
            } else if (tg.healthCheckEnabled() == null) {
                findings.add(f.error("HealthCheckEnabled was not collected"));
            } else if (!tg.healthCheckEnabled()) {
                findings.add(f.fail(METADATA.severity().lower(), "health checks are disabled: traffic goes to "
                        + "targets whether or not they can serve it"));
            } else {
                findings.add(judge(f, tg.targets(), "healthy"));
            }
        }
        for (LoadBalancer lb : context.inventory().all(LoadBalancer.class)) {
            if (lb.isClassic()) {
                findings.add(judge(context.on(lb), lb.instanceHealth(), "InService"));
            }
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, List<TargetHealth> targets, String healthyState) {
        if (targets == null) {
            return f.error("target health was not collected");
        }
        Map<String, Integer> states = new TreeMap<>();
        List<String> notHealthy = new ArrayList<>();
        for (TargetHealth t : targets) {
            String state = t.state() == null ? "unknown" : t.state();
            states.merge(state, 1, Integer::sum);
            if (!healthyState.equalsIgnoreCase(state)) {
                notHealthy.add(t.targetId() + " (" + state + (t.reason() == null ? "" : ", " + t.reason()) + ")");
            }
        }
        f.evidence("TargetStates", states).evidence("NotHealthyTargets", notHealthy);
        if (targets.isEmpty()) {
            return f.fail(METADATA.severity().lower(), "no targets are registered: the load balancer has nothing "
                    + "to send traffic to");
        }
        int healthy = targets.size() - notHealthy.size();
        if (healthy == 0) {
            return f.fail("none of the " + targets.size() + " registered target(s) is " + healthyState
                    + ": every request fails (" + String.join(", ", notHealthy) + ")");
        }
        if (!notHealthy.isEmpty()) {
            return f.fail(METADATA.severity().lower(), notHealthy.size() + " of " + targets.size()
                    + " target(s) not " + healthyState + ": " + String.join(", ", notHealthy));
        }
        return f.pass("all " + targets.size() + " registered target(s) are " + healthyState);
    }
}
