package io.relyscan.rules;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LaunchConfiguration;
import io.relyscan.core.inventory.LaunchTemplateSpec;
import io.relyscan.core.inventory.LaunchTemplateVersion;
import io.relyscan.core.inventory.MachineImage;
import io.relyscan.core.inventory.TargetGroup;
import io.relyscan.core.inventory.TrafficSource;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * R17: everything a group needs to launch and register instances exists. Load balancers and target groups come
 * from the ELB inventories; launch configurations, launch template versions and AMIs from the Auto Scaling
 * collector, which looks up exactly what the groups reference, so a referenced one missing from a completely
 * collected inventory was deleted. A version the group names as $Latest or $Default is resolved on the template;
 * an AMI given as an SSM parameter ({@code resolve:ssm:}) is not resolved (INFO). VPC Lattice traffic sources are
 * not checked.
 */
public final class AsgLaunchDependenciesExistRule implements Rule {
    private static final String SSM_PREFIX = "resolve:ssm:";

    private static final RuleMetadata METADATA = new RuleMetadata("asg-launch-dependencies-exist", "R17",
            "Auto Scaling groups reference only existing load balancers, templates and AMIs", Severity.HIGH,
            "AutoScalingGroup",
            "A group whose launch template, template version or AMI was deleted cannot launch instances: it "
                    + "cannot scale out or replace a failed instance. A deleted load balancer or a target group "
                    + "attached to no load balancer sends the group's instances no traffic. relyscan does not read "
                    + "SSM parameters: a template whose AMI is resolve:ssm:<parameter> gets an INFO finding to check "
                    + "the parameter by hand. VPC Lattice traffic sources are not checked.",
            "Point the group at an existing launch template version whose AMI is registered (aws autoscaling "
                    + "update-auto-scaling-group --launch-template ...), and detach deleted load balancers and "
                    + "orphaned target groups or attach the target group to a listener.",
            Controls.of("REL07-BP01, REL11-BP03*", "A1.2*", "A.8.14*", "CM-2*, CP-10*"), List.of(),
            Set.of(AwsService.AUTOSCALING, AwsService.ELB, AwsService.ELBV2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        LaunchDependencyIndex index = new LaunchDependencyIndex(context.inventory());
        List<Finding> findings = new ArrayList<>();
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            findings.add(evaluate(context, asg, index));
        }
        return findings;
    }

    private static Finding evaluate(RuleContext context, AutoScalingGroup asg, LaunchDependencyIndex index) {
        Set<String> classic = new LinkedHashSet<>(asg.loadBalancerNames());
        Set<String> targetGroups = new LinkedHashSet<>(asg.targetGroupArns());
        for (TrafficSource t : asg.trafficSources()) {
            if ("elb".equalsIgnoreCase(t.type())) {
                classic.add(t.identifier());
            } else if ("elbv2".equalsIgnoreCase(t.type()) || (t.type() == null
                    && t.identifier().contains(":targetgroup/"))) {
                targetGroups.add(t.identifier());
            }
        }
        FindingBuilder f = context.on(asg).evidence("LoadBalancerNames", List.copyOf(classic))
                .evidence("TargetGroupARNs", List.copyOf(targetGroups))
                .evidence("LaunchConfigurationName", asg.launchConfigurationName())
                .evidence("LaunchTemplates", asg.launchTemplateSpecs() == null ? null : asg.launchTemplateSpecs()
                        .stream().map(s -> s.displayName() + (s.launchTemplateName() != null
                                && s.launchTemplateId() != null ? " (" + s.launchTemplateName() + ")" : "") + " "
                                + s.effectiveVersion()).toList());
        if (asg.launchTemplateSpecs() == null) {
            return f.error("the group's launch template references were not collected");
        }
        List<String> missing = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<String> imageIds = new ArrayList<>();
        for (String name : classic) {
            if (!index.classicLoadBalancerExists(asg, name)) {
                missing.add("classic load balancer " + name + " does not exist");
            }
        }
        for (String arn : targetGroups) {
            TargetGroup tg = context.inventory().byArn(arn, TargetGroup.class).orElse(null);
            if (tg == null) {
                missing.add("target group " + arn + " does not exist");
            } else if (tg.loadBalancerArns().isEmpty()) {
                missing.add("target group " + tg.name() + " is attached to no load balancer (LoadBalancerArns "
                        + "empty): its instances receive no traffic");
            }
        }
        if (asg.launchConfigurationName() != null) {
            LaunchConfiguration lc = index.configuration(asg, asg.launchConfigurationName());
            if (lc == null) {
                missing.add("launch configuration " + asg.launchConfigurationName() + " does not exist");
            } else if (lc.imageId() == null) {
                return f.error("the ImageId of launch configuration " + lc.name() + " was not collected");
            } else {
                image(asg, index, "launch configuration " + lc.name(), lc.imageId(), imageIds, missing, unresolved);
            }
        }
        for (LaunchTemplateSpec spec : asg.launchTemplateSpecs()) {
            List<LaunchTemplateVersion> known = index.versions(asg, spec);
            String label = "launch template " + spec.displayName();
            if (known.isEmpty()) {
                missing.add(label + " does not exist (deleted)");
                continue;
            }
            String version = spec.effectiveVersion();
            LaunchTemplateVersion v = LaunchDependencyIndex.resolve(known, version);
            boolean alias = version.equals(LaunchTemplateSpec.LATEST) || version.equals(LaunchTemplateSpec.DEFAULT);
            if (v == null && alias) {
                return f.error("the " + version + " version of " + label + " was not collected");
            }
            if (v == null) {
                missing.add("version " + version + " of " + label + " does not exist (deleted)");
            } else if (v.imageId() == null) {
                missing.add(label + " version " + v.versionNumber() + " names no AMI: launches fail");
            } else {
                image(asg, index, label + " version " + v.versionNumber(), v.imageId(), imageIds, missing,
                        unresolved);
            }
        }
        f.evidence("ImageIds", imageIds).evidence("Missing", missing).evidence("Unresolved", unresolved);
        if (!missing.isEmpty()) {
            return f.fail(String.join("; ", missing));
        }
        if (!unresolved.isEmpty()) {
            return f.fail(Severity.INFO, String.join("; ", unresolved));
        }
        if (asg.launchConfigurationName() == null && asg.launchTemplateSpecs().isEmpty()) {
            return f.notApplicable("the group references no launch template or launch configuration");
        }
        return f.pass("launch template/configuration, AMI(s) " + String.join(", ", imageIds)
                + (classic.isEmpty() && targetGroups.isEmpty() ? "" : " and " + (classic.size() + targetGroups.size())
                + " load balancer/target group reference(s)") + " exist");
    }

    private static void image(AutoScalingGroup asg, LaunchDependencyIndex index, String source, String imageId,
                              List<String> imageIds, List<String> missing, List<String> unresolved) {
        imageIds.add(imageId);
        if (imageId.startsWith(SSM_PREFIX)) {
            unresolved.add(source + " takes its AMI from SSM parameter " + imageId.substring(SSM_PREFIX.length())
                    + ", which relyscan does not resolve: check that it names a registered AMI");
            return;
        }
        MachineImage image = index.image(asg, imageId);
        if (image == null) {
            missing.add("AMI " + imageId + " of " + source + " is deregistered (or no longer shared with the "
                    + "account)");
        } else if (image.state() != null && !MachineImage.AVAILABLE.equalsIgnoreCase(image.state())) {
            missing.add("AMI " + imageId + " of " + source + " is " + image.state() + ": instances cannot launch "
                    + "from it");
        }
    }
}
