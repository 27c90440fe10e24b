package io.relyscan.core.inventory;

import java.util.Map;

/**
 * A VPC subnet; rules use it to map subnet ids to availability zones and to check IP headroom.
 *
 * @param availableIpAddressCount free IPv4 addresses, or null when not collected
 */
public record Subnet(String arn, String account, String region, String subnetId, String vpcId,
                     String availabilityZone, String availabilityZoneId, Integer availableIpAddressCount,
                     Map<String, String> tags)
        implements Resource {
    public Subnet {
        Lists.require(arn, "arn");
        Lists.require(subnetId, "subnetId");
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.EC2;
    }

    @Override
    public String displayName() {
        return subnetId;
    }
}
