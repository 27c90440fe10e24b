package io.relyscan.core.inventory;

import java.util.Map;
import java.util.Set;

/**
 * A recovery point of an AWS Backup vault (ListRecoveryPointsByBackupVault). Kept lean: an account can hold
 * many of them.
 *
 * @param vaultName              the vault it is stored in (same account and region as the record)
 * @param resourceArn            the backed-up resource; for a composite point, the composite (e.g. a stack)
 * @param status                 CREATING, AVAILABLE or COMPLETED (usable), PARTIAL, STOPPED, EXPIRED or DELETING
 * @param creationDate           ISO-8601 instant the backup started (the data's point in time)
 * @param completionDate         ISO-8601 instant the backup finished, or null
 * @param deleteAt               CalculatedLifecycle.DeleteAt, ISO-8601; null when the point is kept forever
 * @param backupPlanArn          CreatedBy.BackupPlanArn; null for on-demand backups
 * @param parent                 IsParent: a composite point made of nested points
 * @param parentRecoveryPointArn the composite point this one is a member of, or null
 */
public record RecoveryPoint(String arn, String account, String region, String vaultName, String resourceArn,
                            String resourceType, String status, String creationDate, String completionDate,
                            String deleteAt, String backupPlanArn, Boolean parent, String parentRecoveryPointArn)
        implements Resource {
    /** Statuses of a finished, restorable point: AVAILABLE is the current name of the older COMPLETED. */
    public static final Set<String> USABLE_STATUSES = Set.of("COMPLETED", "AVAILABLE");

    public RecoveryPoint {
        Lists.require(arn, "arn");
        Lists.require(vaultName, "vaultName");
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
        int cut = Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/'));
        return vaultName + "/" + arn.substring(cut + 1);
    }

    /** Finished and restorable. */
    public boolean isUsable() {
        return status != null && USABLE_STATUSES.contains(status);
    }

    /** A continuous-backup point (point-in-time restore), which AWS keeps current rather than re-creating. */
    public boolean isContinuous() {
        return arn.contains(":recovery-point:continuous:");
    }
}
