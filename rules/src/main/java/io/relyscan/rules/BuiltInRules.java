package io.relyscan.rules;

import io.relyscan.core.rule.Rule;

import java.util.List;

/** The built-in rules, listed by hand and sorted by id; a test keeps the list sorted, unique and tested. */
public final class BuiltInRules {
    private static final List<Rule> ALL = List.of(
            new AsgElbHealthCheckRule(),
            new AsgInstanceDiversityRule(),
            new AsgMultiAzRule(),
            new AsgStaticStabilityRule(),
            new AsgSubnetIpHeadroomRule(),
            new AsgSuspendedProcessesRule(),
            new BackupCrossRegionCopyRule(),
            new BackupPlanEffectiveRule(),
            new BackupPlanExistsRule(),
            new BackupPlanFrequencyRetentionRule(),
            new BackupResourceAssignedRule(),
            new BackupVaultImmutabilityRule(),
            new ConfigRecorderHealthyRule(),
            new CwAlarmActionsEnabledRule(),
            new CwAlarmHasActionsRule(),
            new Ec2AzDistributionRule(),
            new Ec2DetailedMonitoringRule(),
            new Ec2HealthEventsRule(),
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
