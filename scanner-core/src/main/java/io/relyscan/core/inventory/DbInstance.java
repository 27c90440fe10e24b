package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An RDS DB instance (including Aurora cluster members). Boxed fields are null when AWS did not return them.
 *
 * @param readReplicaSourceIdentifier    set when this instance is a read replica
 * @param readReplicaIdentifiers         its replicas: identifiers in the same region, ARNs in other regions
 * @param awsBackupRecoveryPointArn      set when AWS Backup continuous backup covers the instance
 * @param maxAllocatedStorage            the storage autoscaling ceiling in GiB; AWS omits it (null) when storage
 *                                       autoscaling is off, so null here means "off" when allocatedStorage is set
 * @param monitoringInterval             Enhanced Monitoring interval in seconds, 0 when off
 * @param dbSubnetGroupName              the DB subnet group the instance runs in
 * @param parameterGroupNames            the DB parameter groups applied to the instance
 * @param automatedBackupReplicationArns ARNs of automated backups replicated to other regions
 */
public record DbInstance(String arn, String account, String region, String identifier, String engine,
                         String engineVersion, String instanceClass, String status, Boolean multiAz,
                         String availabilityZone, String secondaryAvailabilityZone, Integer backupRetentionPeriod,
                         Boolean deletionProtection, String clusterIdentifier, String readReplicaSourceIdentifier,
                         List<String> readReplicaIdentifiers, String awsBackupRecoveryPointArn,
                         Boolean publiclyAccessible, Integer allocatedStorage, Integer maxAllocatedStorage,
                         Integer monitoringInterval, String dbSubnetGroupName, List<String> parameterGroupNames,
                         List<String> automatedBackupReplicationArns, Map<String, String> tags) implements Resource {
    public DbInstance {
        Lists.require(arn, "arn");
        Lists.require(identifier, "identifier");
        readReplicaIdentifiers = Lists.copy(readReplicaIdentifiers);
        parameterGroupNames = Lists.copy(parameterGroupNames);
        automatedBackupReplicationArns = Lists.copy(automatedBackupReplicationArns);
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
