package io.relyscan.core.inventory;

/** A member instance of a DB cluster, as listed by DescribeDBClusters. */
public record DbClusterMember(String instanceIdentifier, boolean writer) {
    public DbClusterMember {
        Lists.require(instanceIdentifier, "instanceIdentifier");
    }
}
