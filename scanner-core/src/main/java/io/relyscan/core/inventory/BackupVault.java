package io.relyscan.core.inventory;

import java.util.Map;

/**
 * An AWS Backup vault.
 *
 * @param vaultType AWS's VaultType: BACKUP_VAULT, LOGICALLY_AIR_GAPPED_BACKUP_VAULT or RESTORE_ACCESS_BACKUP_VAULT
 * @param lockDate  ISO-8601 instant after which a compliance-mode Vault Lock can no longer be removed; null for
 *                  governance mode or no lock
 */
public record BackupVault(String arn, String account, String region, String name, Boolean locked,
                          Long minRetentionDays, Long maxRetentionDays, Long numberOfRecoveryPoints,
                          String vaultType, String lockDate, Map<String, String> tags) implements Resource {
    public static final String LOGICALLY_AIR_GAPPED = "LOGICALLY_AIR_GAPPED_BACKUP_VAULT";

    public BackupVault {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.BACKUP;
    }

    @Override
    public String displayName() {
        return name;
    }
}
