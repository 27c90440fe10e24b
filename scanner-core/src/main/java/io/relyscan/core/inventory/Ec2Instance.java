package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An EC2 instance. The status fields come from DescribeInstanceStatus and are all null when it was not
 * collected.
 *
 * @param monitoringState      disabled, disabling, enabled or pending (detailed monitoring)
 * @param autoScalingGroupName the group that launched the instance (its aws:autoscaling:groupName tag), or
 *                             null; instances attached to a group later may lack the tag, so rules also join
 *                             on {@link AutoScalingGroup#instanceIds()}
 * @param systemStatus         ok, impaired, insufficient-data, not-applicable or initializing
 * @param instanceStatus       the same values, for the instance's own checks
 * @param scheduledEvents      scheduled events, including completed and canceled ones
 * @param rootDeviceType       ebs or instance-store
 * @param autoRecovery         MaintenanceOptions.AutoRecovery: default (simplified automatic recovery on, where
 *                             the type supports it) or disabled; null when not reported
 * @param autoRecoverySupported whether the instance type supports simplified automatic recovery
 *                             (DescribeInstanceTypes AutoRecoverySupported); null when not collected
 */
public record Ec2Instance(String arn, String account, String region, String instanceId, String instanceType,
                          String state, String availabilityZone, String subnetId, String monitoringState,
                          String autoScalingGroupName, String systemStatus, String instanceStatus,
                          List<ScheduledEvent> scheduledEvents, String rootDeviceType, String autoRecovery,
                          Boolean autoRecoverySupported, Map<String, String> tags)
        implements Resource {
    public static final String ASG_NAME_TAG = "aws:autoscaling:groupName";

    public Ec2Instance {
        Lists.require(arn, "arn");
        Lists.require(instanceId, "instanceId");
        scheduledEvents = scheduledEvents == null ? null : List.copyOf(scheduledEvents);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.EC2;
    }

    @Override
    public String displayName() {
        return instanceId;
    }
}
