package io.relyscan.core.inventory;

import java.util.List;

/**
 * A rule of an AWS Backup plan.
 *
 * @param deleteAfterDays          lifecycle retention, null when recovery points are kept forever
 * @param copyDestinationVaultArns vaults that CopyActions copy to
 */
public record BackupRule(String ruleName, String scheduleExpression, String targetVaultName,
                         Long deleteAfterDays, Boolean continuousBackup, List<String> copyDestinationVaultArns) {
    public BackupRule {
        Lists.require(ruleName, "ruleName");
        copyDestinationVaultArns = Lists.copy(copyDestinationVaultArns);
    }
}
