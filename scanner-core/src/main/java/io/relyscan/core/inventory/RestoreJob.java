package io.relyscan.core.inventory;

import java.util.Map;

/**
 * An AWS Backup restore job (ListRestoreJobs). The API returns no ARN; the collector names the record
 * {@code arn:<partition>:backup:<region>:<account>:restore-job:<id>}. Only jobs created within the last
 * {@link #LOOK_BACK_DAYS} days before the scan are collected.
 *
 * @param resourceType          AWS Backup resource type restored (RDS, Aurora, EC2, EBS, ...)
 * @param status                PENDING, RUNNING, COMPLETED, ABORTED or FAILED
 * @param creationDate          ISO-8601 instant the job was created
 * @param completionDate        ISO-8601 instant the job finished, null while it runs
 * @param restoreTestingPlanArn the restore testing plan that started it, null for a manual restore
 */
public record RestoreJob(String arn, String account, String region, String restoreJobId, String resourceType,
                         String status, String statusMessage, String creationDate, String completionDate,
                         String restoreTestingPlanArn) implements Resource {
    /** How far back (ByCreatedAfter) the collector lists restore jobs. */
    public static final int LOOK_BACK_DAYS = 180;

    public RestoreJob {
        Lists.require(arn, "arn");
        Lists.require(restoreJobId, "restoreJobId");
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
        return restoreJobId;
    }
}
