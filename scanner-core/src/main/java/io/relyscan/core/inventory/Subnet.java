package io.relyscan.core.inventory;

import java.util.Map;

/** A VPC subnet; rules use it to map subnet ids to availability zones. */
public record Subnet(String arn, String account, String region, String subnetId, String vpcId,
                     String availabilityZone, String availabilityZoneId, Map<String, String> tags)
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
