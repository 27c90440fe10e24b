package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An EC2 Auto Scaling group.
 *
 * @param subnetIds                the subnets of VPCZoneIdentifier, empty for EC2-Classic style groups
 * @param instances                the group's instances with zone, lifecycle state and health, or null when not
 *                                 collected
 * @param suspendedProcesses       names of the suspended scaling processes, or null when not collected
 * @param launchTemplate           the launch template (name, or id when AWS gave no name), of the group or of
 *                                 its mixed instances policy
 * @param launchTemplateSpecs      every launch template the group launches from, as referenced (id, name, version):
 *                                 its own or its mixed instances policy's first, then the policy's per-override
 *                                 templates; empty for a launch configuration group, null when not collected
 * @param mixedInstancesPolicy     whether the group has a MixedInstancesPolicy
 * @param overrideInstanceTypes    distinct instance types listed in the mixed instances policy's overrides,
 *                                 empty without a policy, null when not collected
 * @param usesInstanceRequirements whether an override selects types by attributes (InstanceRequirements)
 * @param usesSpot                 whether the mixed instances policy asks for Spot capacity (on-demand share
 *                                 above base capacity below 100%); Spot requested by the launch template itself
 *                                 is not visible in DescribeAutoScalingGroups
 */
public record AutoScalingGroup(String arn, String account, String region, String name,
                               List<String> availabilityZones, List<String> subnetIds, String healthCheckType,
                               Integer healthCheckGracePeriod, List<String> loadBalancerNames,
                               List<String> targetGroupArns, List<TrafficSource> trafficSources, Integer minSize,
                               Integer maxSize, Integer desiredCapacity, List<String> instanceIds,
                               List<AutoScalingInstance> instances, List<String> suspendedProcesses,
                               Boolean capacityRebalance, String launchConfigurationName, String launchTemplate,
                               String launchTemplateVersion, List<LaunchTemplateSpec> launchTemplateSpecs,
                               Boolean mixedInstancesPolicy,
                               List<String> overrideInstanceTypes, Boolean usesInstanceRequirements,
                               Boolean usesSpot, Map<String, String> tags) implements Resource {
    public AutoScalingGroup {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        availabilityZones = Lists.copy(availabilityZones);
        subnetIds = Lists.copy(subnetIds);
        loadBalancerNames = Lists.copy(loadBalancerNames);
        targetGroupArns = Lists.copy(targetGroupArns);
        trafficSources = Lists.copy(trafficSources);
        instanceIds = Lists.copy(instanceIds);
        instances = instances == null ? null : List.copyOf(instances);
        suspendedProcesses = suspendedProcesses == null ? null : List.copyOf(suspendedProcesses);
        overrideInstanceTypes = overrideInstanceTypes == null ? null : List.copyOf(overrideInstanceTypes);
        launchTemplateSpecs = launchTemplateSpecs == null ? null : List.copyOf(launchTemplateSpecs);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.AUTOSCALING;
    }

    @Override
    public String displayName() {
        return name;
    }
}
