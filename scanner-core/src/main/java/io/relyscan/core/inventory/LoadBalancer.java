package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An Elastic Load Balancing load balancer: application, network, gateway (ELBv2) or classic.
 *
 * @param type       application, network, gateway or classic
 * @param attributes load balancer attributes, or null when they could not be collected
 */
public record LoadBalancer(String arn, String account, String region, String name, String type, String scheme,
                           String state, List<String> availabilityZones, List<String> subnetIds,
                           Map<String, String> attributes, Map<String, String> tags)
        implements Resource {
    public static final String CLASSIC = "classic";

    public LoadBalancer {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        Lists.require(type, "type");
        availabilityZones = Lists.copy(availabilityZones);
        subnetIds = Lists.copy(subnetIds);
        attributes = attributes == null ? null : Tags.copyOf(attributes);
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
