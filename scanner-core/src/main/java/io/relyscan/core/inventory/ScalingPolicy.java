package io.relyscan.core.inventory;

import java.util.Map;

/**
 * An EC2 Auto Scaling policy, as an alarm action target.
 *
 * @param autoScalingGroupName the group the policy scales
 * @param policyType           SimpleScaling, StepScaling, TargetTrackingScaling or PredictiveScaling
 */
public record ScalingPolicy(String arn, String account, String region, String name, String autoScalingGroupName,
                            String policyType, Map<String, String> tags) implements Resource {
    public ScalingPolicy {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
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
