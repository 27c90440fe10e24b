package io.relyscan.rules;

import io.relyscan.core.rule.Rule;

import java.util.List;

/** The built-in rules, listed by hand and sorted by id; a test keeps the list sorted, unique and tested. */
public final class BuiltInRules {
    private static final List<Rule> ALL = List.of(
            new AsgElbHealthCheckRule(),
            new AsgMultiAzRule(),
            new BackupPlanExistsRule(),
            new BackupResourceAssignedRule(),
            new ConfigRecorderHealthyRule(),
            new CwAlarmActionsEnabledRule(),
            new CwAlarmHasActionsRule(),
            new ElbMultiAzRule(),
            new RdsBackupRetentionRule(),
            new RdsClusterMultiAzRule(),
            new RdsDeletionProtectionRule(),
            new RdsInstanceMultiAzRule());

    private BuiltInRules() {
    }

    public static List<Rule> all() {
        return ALL;
    }
}
