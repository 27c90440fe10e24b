package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An EC2 Auto Scaling group.
 *
 * @param subnetIds the subnets of VPCZoneIdentifier, empty for EC2-Classic style groups
 */
public record AutoScalingGroup(String arn, String account, String region, String name,
                               List<String> availabilityZones, List<String> subnetIds, String healthCheckType,
                               Integer healthCheckGracePeriod, List<String> loadBalancerNames,
                               List<String> targetGroupArns, List<TrafficSource> trafficSources, Integer minSize,
                               Integer maxSize, Integer desiredCapacity, List<String> instanceIds,
                               Map<String, String> tags) implements Resource {
    public AutoScalingGroup {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        availabilityZones = Lists.copy(availabilityZones);
        subnetIds = Lists.copy(subnetIds);
        loadBalancerNames = Lists.copy(loadBalancerNames);
        targetGroupArns = Lists.copy(targetGroupArns);
        trafficSources = Lists.copy(trafficSources);
        instanceIds = Lists.copy(instanceIds);
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
