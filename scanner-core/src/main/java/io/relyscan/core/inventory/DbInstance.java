package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An RDS DB instance (including Aurora cluster members). Boxed fields are null when AWS did not return them.
 *
 * @param readReplicaSourceIdentifier set when this instance is a read replica
 * @param awsBackupRecoveryPointArn   set when AWS Backup continuous backup covers the instance
 */
public record DbInstance(String arn, String account, String region, String identifier, String engine,
                         String engineVersion, String instanceClass, String status, Boolean multiAz,
                         String availabilityZone, String secondaryAvailabilityZone, Integer backupRetentionPeriod,
                         Boolean deletionProtection, String clusterIdentifier, String readReplicaSourceIdentifier,
                         List<String> readReplicaIdentifiers, String awsBackupRecoveryPointArn,
                         Map<String, String> tags) implements Resource {
    public DbInstance {
        Lists.require(arn, "arn");
        Lists.require(identifier, "identifier");
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

    public boolean isClusterMember() {
        return clusterIdentifier != null && !clusterIdentifier.isBlank();
    }

    public boolean isReadReplica() {
        return readReplicaSourceIdentifier != null && !readReplicaSourceIdentifier.isBlank();
    }
}
