package io.relyscan.core.inventory;

import java.util.Map;

/** An AWS Backup vault. */
public record BackupVault(String arn, String account, String region, String name, Boolean locked,
                          Long minRetentionDays, Long maxRetentionDays, Long numberOfRecoveryPoints,
                          Map<String, String> tags) implements Resource {
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
