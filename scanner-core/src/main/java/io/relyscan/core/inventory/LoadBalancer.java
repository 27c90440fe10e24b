package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An Elastic Load Balancing load balancer: application, network, gateway (ELBv2) or classic.
 *
 * @param type       application, network, gateway or classic
 * @param attributes     load balancer attributes, or null when they could not be collected; classic load
 *                       balancers' nested attributes are flattened to ELBv2-style keys
 *                       ({@code cross_zone.enabled}, {@code connection_draining.enabled}, ...)
 * @param instanceHealth classic load balancers only: the registered instances and their health
 *                       (DescribeInstanceHealth: state InService, OutOfService or Unknown; the zone is not reported
 *                       there, rules join on the EC2 inventory); null when not collected or not a classic load
 *                       balancer
 */
public record LoadBalancer(String arn, String account, String region, String name, String type, String scheme,
                           String state, List<String> availabilityZones, List<String> subnetIds,
                           Map<String, String> attributes, List<TargetHealth> instanceHealth,
                           Map<String, String> tags)
        implements Resource {
    public static final String CLASSIC = "classic";

    public LoadBalancer {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        Lists.require(type, "type");
        availabilityZones = Lists.copy(availabilityZones);
        subnetIds = Lists.copy(subnetIds);
        attributes = attributes == null ? null : Tags.copyOf(attributes);
        instanceHealth = instanceHealth == null ? null : List.copyOf(instanceHealth);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return isClassic() ? AwsService.ELB : AwsService.ELBV2;
    }

    @Override
    public String displayName() {
        return name;
    }

    public boolean isClassic() {
        return CLASSIC.equals(type);
    }
}
