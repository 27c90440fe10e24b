package io.relyscan.core.inventory;

import java.util.Map;

/**
 * The resource-based access policy of one backup vault (GetBackupVaultAccessPolicy), kept apart from
 * {@link BackupVault} so that "no policy" (present, {@code policy} null) and "not collected" (absent, with a
 * coverage gap) stay distinct. Its ARN is the vault's with {@code /access-policy} appended.
 *
 * @param policy the policy document as AWS returns it (JSON text); null when the vault has no access policy
 */
public record BackupVaultAccessPolicy(String arn, String account, String region, String vaultName, String vaultArn,
                                      String policy) implements Resource {
    public static final String ARN_SUFFIX = "/access-policy";

    public BackupVaultAccessPolicy {
        Lists.require(arn, "arn");
        Lists.require(vaultName, "vaultName");
        Lists.require(vaultArn, "vaultArn");
    }

    public static BackupVaultAccessPolicy of(String account, String region, String vaultName, String vaultArn,
                                             String policy) {
        return new BackupVaultAccessPolicy(vaultArn + ARN_SUFFIX, account, region, vaultName, vaultArn, policy);
    }

    @Override
    public Map<String, String> tags() {
        return Tags.copyOf(null);
    }

    @Override
    public AwsService service() {
        return AwsService.BACKUP;
    }

    @Override
    public String displayName() {
        return vaultName;
    }
}
