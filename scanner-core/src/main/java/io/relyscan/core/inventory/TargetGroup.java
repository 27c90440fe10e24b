package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An ELBv2 target group.
 *
 * @param targets    registered targets with health, or null when target health could not be collected
 * @param attributes target group attributes (DescribeTargetGroupAttributes, e.g.
 *                   {@code deregistration_delay.timeout_seconds}, {@code load_balancing.cross_zone.enabled}), or
 *                   null when they could not be collected
 */
public record TargetGroup(String arn, String account, String region, String name, String protocol, Integer port,
                          String targetType, List<String> loadBalancerArns, Boolean healthCheckEnabled,
                          List<TargetHealth> targets, Map<String, String> attributes,
                          Map<String, String> tags) implements Resource {
    public TargetGroup {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        loadBalancerArns = Lists.copy(loadBalancerArns);
        targets = targets == null ? null : List.copyOf(targets);
        attributes = attributes == null ? null : Tags.copyOf(attributes);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.ELBV2;
    }

    @Override
    public String displayName() {
        return name;
    }
}
