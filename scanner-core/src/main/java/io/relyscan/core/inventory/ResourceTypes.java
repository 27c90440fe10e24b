package io.relyscan.core.inventory;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Stable type names of resources, as written in reports and snapshots. */
public final class ResourceTypes {
    private static final Map<String, Class<? extends Resource>> BY_NAME = new TreeMap<>();

    static {
        BY_NAME.put("AvailabilityZone", AvailabilityZone.class);
        BY_NAME.put("Subnet", Subnet.class);
        BY_NAME.put("Ec2Instance", Ec2Instance.class);
        BY_NAME.put("EbsVolume", EbsVolume.class);
        BY_NAME.put("EbsSnapshot", EbsSnapshot.class);
        BY_NAME.put("DbInstance", DbInstance.class);
        BY_NAME.put("DbCluster", DbCluster.class);
        BY_NAME.put("DbSubnetGroup", DbSubnetGroup.class);
        BY_NAME.put("DbEventSubscription", DbEventSubscription.class);
        BY_NAME.put("DbParameterGroup", DbParameterGroup.class);
        BY_NAME.put("AutoScalingGroup", AutoScalingGroup.class);
        BY_NAME.put("ScalingActivity", ScalingActivity.class);
        BY_NAME.put("LaunchConfiguration", LaunchConfiguration.class);
        BY_NAME.put("LaunchTemplateVersion", LaunchTemplateVersion.class);
        BY_NAME.put("MachineImage", MachineImage.class);
        BY_NAME.put("LoadBalancer", LoadBalancer.class);
        BY_NAME.put("TargetGroup", TargetGroup.class);
        BY_NAME.put("Alarm", Alarm.class);
        BY_NAME.put("MetricReading", MetricReading.class);
        BY_NAME.put("SnsTopic", SnsTopic.class);
        BY_NAME.put("ScalingPolicy", ScalingPolicy.class);
        BY_NAME.put("BackupPlan", BackupPlan.class);
        BY_NAME.put("BackupSelection", BackupSelection.class);
        BY_NAME.put("BackupVault", BackupVault.class);
        BY_NAME.put("ProtectedResource", ProtectedResource.class);
        BY_NAME.put("RecoveryPoint", RecoveryPoint.class);
        BY_NAME.put("BackupJob", BackupJob.class);
        BY_NAME.put("BackupRegionSettings", BackupRegionSettings.class);
        BY_NAME.put("BackupVaultAccessPolicy", BackupVaultAccessPolicy.class);
        BY_NAME.put("RestoreTestingPlan", RestoreTestingPlan.class);
        BY_NAME.put("RestoreJob", RestoreJob.class);
        BY_NAME.put("ConfigRecorder", ConfigRecorder.class);
    }

    private ResourceTypes() {
    }

    public static String nameOf(Class<?> type) {
        return type.getSimpleName();
    }

    public static Optional<Class<? extends Resource>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Map<String, Class<? extends Resource>> all() {
        return java.util.Collections.unmodifiableMap(BY_NAME);
    }
}
