package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An RDS DB subnet group: the subnets, and so the availability zones, that DB instances and clusters placed in it
 * may use.
 */
public record DbSubnetGroup(String arn, String account, String region, String name, String vpcId, String status,
                            List<DbSubnet> subnets, Map<String, String> tags) implements Resource {
    public DbSubnetGroup {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        subnets = Lists.copy(subnets);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.RDS;
    }

    @Override
    public String displayName() {
        return name;
    }
}
