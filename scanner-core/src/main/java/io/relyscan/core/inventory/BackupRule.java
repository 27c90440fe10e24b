package io.relyscan.core.inventory;

import java.util.List;

/**
 * A rule of an AWS Backup plan.
 *
 * @param deleteAfterDays          lifecycle retention, null when recovery points are kept forever
 * @param copyDestinationVaultArns   vaults that CopyActions copy to
 * @param scheduleExpressionTimezone IANA time zone the cron schedule is read in, null for UTC
 * @param startWindowMinutes         minutes a job may wait to start, null when AWS reports none
 * @param completionWindowMinutes    minutes a job may run before AWS cancels it (AWS default 10080, 7 days)
 */
public record BackupRule(String ruleName, String scheduleExpression, String targetVaultName,
                         Long deleteAfterDays, Boolean continuousBackup, List<String> copyDestinationVaultArns,
                         String scheduleExpressionTimezone, Long startWindowMinutes, Long completionWindowMinutes) {
    /** CompletionWindowMinutes AWS applies when a rule does not set one. */
    public static final long DEFAULT_COMPLETION_WINDOW_MINUTES = 10080;

    public BackupRule {
        Lists.require(ruleName, "ruleName");
        copyDestinationVaultArns = Lists.copy(copyDestinationVaultArns);
    }
}
