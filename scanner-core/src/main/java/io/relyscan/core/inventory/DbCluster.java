package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An Aurora or Multi-AZ DB cluster.
 *
 * @param storageAvailabilityZones the cluster's AvailabilityZones field: storage AZs, not where members run
 * @param engineMode               provisioned, serverless (v1), parallelquery, global, multimaster
 * @param readReplicaIdentifiers   ARNs of the clusters replicating from this one (cross-region replicas)
 * @param parameterGroupName       the DB cluster parameter group
 * @param dbSubnetGroupName        the DB subnet group the cluster's instances run in
 */
public record DbCluster(String arn, String account, String region, String identifier, String engine,
                        String engineMode, String status, Boolean multiAz, List<String> storageAvailabilityZones,
                        List<DbClusterMember> members, Integer backupRetentionPeriod, Boolean deletionProtection,
                        String globalClusterIdentifier, String replicationSourceIdentifier,
                        List<String> readReplicaIdentifiers, String parameterGroupName, String dbSubnetGroupName,
                        Map<String, String> tags) implements Resource {
    public DbCluster {
        Lists.require(arn, "arn");
        Lists.require(identifier, "identifier");
        storageAvailabilityZones = Lists.copy(storageAvailabilityZones);
        members = Lists.copy(members);
        readReplicaIdentifiers = Lists.copy(readReplicaIdentifiers);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.RDS;
    }

    @Override
    public String displayName() {
        return identifier;
    }
}
