package io.relyscan.rules;

import io.relyscan.core.rule.Rule;

import java.util.List;

/** The built-in rules, listed by hand and sorted by id; a test keeps the list sorted, unique and tested. */
public final class BuiltInRules {
    private static final List<Rule> ALL = List.of(
            new AsgCapacityHealthRule(),
            new AsgElbHealthCheckRule(),
            new AsgInstanceDiversityRule(),
            new AsgLaunchDependenciesExistRule(),
            new AsgMultiAzRule(),
            new AsgStaticStabilityRule(),
            new AsgSubnetIpHeadroomRule(),
            new AsgSuspendedProcessesRule(),
            new BackupCrossRegionCopyRule(),
            new BackupJobFailuresRule(),
            new BackupPlanEffectiveRule(),
            new BackupPlanExistsRule(),
            new BackupPlanFrequencyRetentionRule(),
            new BackupRecentRecoveryPointRule(),
            new BackupRegionOptInRule(),
            new BackupResourceAssignedRule(),
            new BackupRestoreTestingRule(),
            new BackupVaultDeletionGuardRule(),
            new BackupVaultImmutabilityRule(),
            new ConfigRecorderHealthyRule(),
            new CwAlarmActionTargetsValidRule(),
            new CwAlarmActionsEnabledRule(),
            new CwAlarmHasActionsRule(),
            new CwAlarmStaleStateRule(),
            new CwCriticalResourceAlarmCoverageRule(),
            new EbsSnapshotRecencyRule(),
            new Ec2AzDistributionRule(),
            new Ec2DetailedMonitoringRule(),
            new Ec2HealthEventsRule(),
            new Ec2StandaloneRecoveryRule(),
            new ElbCrossZoneRule(),
            new ElbDeletionProtectionRule(),
            new ElbGracefulDeregistrationRule(),
            new ElbMultiAzRule(),
            new ElbTargetAzBalanceRule(),
            new ElbTargetHealthRule(),
            new RdsBackupRetentionRule(),
            new RdsClusterFailoverTargetRule(),
            new RdsClusterMultiAzRule(),
            new RdsCrossRegionRecoveryRule(),
            new RdsDeletionProtectionRule(),
            new RdsDurabilityParametersRule(),
            new RdsEnhancedMonitoringRule(),
            new RdsEventSubscriptionRule(),
            new RdsInstanceMultiAzRule(),
            new RdsStorageHeadroomRule(),
            new RdsSubnetGroupAzSpanRule());

    private BuiltInRules() {
    }

    public static List<Rule> all() {
        return ALL;
    }
}
