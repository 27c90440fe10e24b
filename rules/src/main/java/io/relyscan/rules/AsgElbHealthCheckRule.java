package io.relyscan.rules;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.TrafficSource;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * R13: a group that receives traffic replaces instances its load balancer finds unhealthy. "Attached" means
 * classic load balancers OR target groups OR any traffic source: either one suffices (Prowler's check wrongly
 * requires both). HealthCheckType may list several types (EC2, ELB, VPC_LATTICE) separated by commas.
 */
public final class AsgElbHealthCheckRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("asg-elb-health-check", "R13",
            "Auto Scaling groups behind a load balancer use its health checks", Severity.MEDIUM,
            "AutoScalingGroup",
            "With EC2 status checks only, an instance whose application is dead but whose VM is up stays in "
                    + "service: the load balancer stops sending it traffic, but the group never replaces it.",
            "Set HealthCheckType to ELB (VPC_LATTICE for VPC Lattice target groups) with a grace period long "
                    + "enough for instances to boot: aws autoscaling update-auto-scaling-group "
                    + "--health-check-type ELB --health-check-grace-period 300.",
            Controls.of("REL11-BP01, REL11-BP03", "CC7.2*, A1.2*", "A.8.16*", "CA-7, CP-2(2), SI-2"),
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
        f.evidence("HealthCheckType", asg.healthCheckType())
                .evidence("LoadBalancerNames", asg.loadBalancerNames())
                .evidence("TargetGroupARNs", asg.targetGroupArns())
                .evidence("TrafficSources", asg.trafficSources().stream()
                        .map(t -> (t.type() == null ? "?" : t.type()) + ":" + t.identifier()).toList());
        if (asg.healthCheckType() == null) {
            return f.error("HealthCheckType was not collected");
        }
        Set<String> types = new TreeSet<>();
        Arrays.stream(asg.healthCheckType().split(",")).map(t -> t.trim().toUpperCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).forEach(types::add);
        boolean loadBalancers = !asg.loadBalancerNames().isEmpty() || !asg.targetGroupArns().isEmpty()
                || asg.trafficSources().stream().anyMatch(t -> !isLattice(t));
        boolean lattice = asg.trafficSources().stream().anyMatch(AsgElbHealthCheckRule::isLattice);
        if (loadBalancers) {
            return types.contains("ELB")
                    ? f.pass("attached to a load balancer and HealthCheckType includes ELB")
                    : f.fail("attached to a load balancer but HealthCheckType=" + asg.healthCheckType()
                            + ": instances the load balancer marks unhealthy are never replaced");
        }
        if (lattice) {
            return types.contains("VPC_LATTICE")
                    ? f.pass("attached to VPC Lattice and HealthCheckType includes VPC_LATTICE")
                    : f.fail("attached to VPC Lattice target groups but HealthCheckType=" + asg.healthCheckType()
                            + ": instances Lattice marks unhealthy are never replaced");
        }
        if (types.contains("ELB") || types.contains("VPC_LATTICE")) {
            return f.fail(METADATA.severity().lower(), "HealthCheckType=" + asg.healthCheckType()
                    + " but no load balancer or traffic source is attached: the check has nothing to ask");
        }
        return f.notApplicable("not attached to a load balancer or traffic source; EC2 health checks apply");
    }

    private static boolean isLattice(TrafficSource source) {
        String type = source.type() == null ? "" : source.type().toLowerCase(Locale.ROOT);
        return type.equals("vpc-lattice") || (type.isEmpty() && source.identifier().contains(":vpc-lattice:"));
    }
}
