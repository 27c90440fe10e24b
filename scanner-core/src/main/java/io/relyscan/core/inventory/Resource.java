package io.relyscan.core.inventory;

import java.util.Map;

/** A collected AWS resource. Every implementation is an immutable record. */
public sealed interface Resource permits AvailabilityZone, Subnet, Ec2Instance, EbsVolume, EbsSnapshot,
        DbInstance, DbCluster,
        DbSubnetGroup, DbEventSubscription, DbParameterGroup,
        AutoScalingGroup, LoadBalancer, TargetGroup, Alarm, BackupPlan, BackupSelection, BackupVault,
        ProtectedResource, RecoveryPoint, BackupJob,
        BackupRegionSettings, BackupVaultAccessPolicy, RestoreTestingPlan, RestoreJob,
        ConfigRecorder, SnsTopic, ScalingPolicy, MetricReading,
        ScalingActivity, LaunchConfiguration, LaunchTemplateVersion, MachineImage {

    String arn();

    String account();

    String region();

    /** Resource tags (untrusted user input), sorted by key. */
    Map<String, String> tags();

    /** The service whose collector produced it (its coverage decides whether rules may trust it). */
    AwsService service();

    /** A short human name: identifier or name. */
    String displayName();

    default ScanScope scope() {
        return new ScanScope(account(), region());
    }

    /** The stable type name used in reports and snapshots. */
    default String typeName() {
        return ResourceTypes.nameOf(getClass());
    }
}
