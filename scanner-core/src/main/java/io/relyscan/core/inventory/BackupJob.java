package io.relyscan.core.inventory;

import java.util.Map;

/**
 * An AWS Backup backup or copy job (ListBackupJobs, ListCopyJobs) of a fixed look-back window. Jobs have no ARN;
 * {@link #arn()} is a stable pseudo-ARN built from the job id. Kept lean: an account can run many of them.
 *
 * @param state          backup jobs: CREATED, PENDING, RUNNING, ABORTING, ABORTED, COMPLETED, FAILED, EXPIRED,
 *                       PARTIAL; copy jobs: CREATED, RUNNING, COMPLETED, FAILED, PARTIAL
 * @param creationDate   ISO-8601 instant the job was created
 * @param completionDate ISO-8601 instant the job ended, or null
 * @param vaultArn       the vault written to: BackupVaultArn of a backup job, DestinationBackupVaultArn of a copy
 */
public record BackupJob(String account, String region, Kind kind, String jobId, String resourceArn,
                        String resourceType, String state, String creationDate, String completionDate,
                        String statusMessage, String vaultArn) implements Resource {
    /** Which listing the job came from. */
    public enum Kind { BACKUP, COPY }

    public BackupJob {
        Lists.require(account, "account");
        Lists.require(region, "region");
        Lists.require(jobId, "jobId");
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
    }

    @Override
    public String arn() {
        return "arn:aws:backup:" + region + ":" + account + ":" + (kind == Kind.COPY ? "copy-job:" : "backup-job:")
                + jobId;
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
        return jobId;
    }
}
