package io.relyscan.core.inventory;

import java.util.Map;

/**
 * A resource AWS Backup holds at least one recovery point of, as ListProtectedResources of one account and region
 * reports it. Several accounts or regions can report the same resource (copies into their vaults), so the record's
 * {@link #arn()} is a pseudo-ARN of the listing account and region around the resource's own ARN.
 *
 * @param resourceArn          the protected resource's ARN
 * @param resourceType         AWS Backup's resource type, e.g. RDS, Aurora, EC2, EBS, EFS, DynamoDB
 * @param lastBackupTime       ISO-8601 instant of the latest backup AWS Backup recorded, or null
 * @param lastRecoveryPointArn the recovery point that backup made, or null
 */
public record ProtectedResource(String account, String region, String resourceArn, String resourceType,
                                String resourceName, String lastBackupTime, String lastBackupVaultArn,
                                String lastRecoveryPointArn) implements Resource {
    public ProtectedResource {
        Lists.require(account, "account");
        Lists.require(region, "region");
        Lists.require(resourceArn, "resourceArn");
    }

    @Override
    public String arn() {
        return "arn:aws:backup:" + region + ":" + account + ":protected-resource/" + resourceArn;
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
        return resourceName == null || resourceName.isBlank() ? resourceArn : resourceName;
    }
}
