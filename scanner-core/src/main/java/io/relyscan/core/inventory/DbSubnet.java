package io.relyscan.core.inventory;

/** A subnet of a DB subnet group, as listed by DescribeDBSubnetGroups. */
public record DbSubnet(String subnetId, String availabilityZone, String status) {
    public DbSubnet {
        Lists.require(subnetId, "subnetId");
    }
}
