package io.relyscan.core.inventory;

import java.util.Map;

/**
 * An EBS snapshot the account owns (DescribeSnapshots OwnerIds=self), whatever created it: by hand, Data
 * Lifecycle Manager or AWS Backup. Kept lean: accounts hold many of them.
 *
 * @param volumeId    the volume it was taken from (vol-ffffffff for copies)
 * @param startTime   when it was started, ISO-8601
 * @param state       pending, completed, error, recoverable or recovering
 * @param storageTier standard or archive
 */
public record EbsSnapshot(String arn, String account, String region, String snapshotId, String volumeId,
                          String startTime, String state, String storageTier, Map<String, String> tags)
        implements Resource {
    public static final String COMPLETED = "completed";
    public static final String ARCHIVE_TIER = "archive";

    public EbsSnapshot {
        Lists.require(arn, "arn");
        Lists.require(snapshotId, "snapshotId");
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.EC2;
    }

    @Override
    public String displayName() {
        return snapshotId;
    }
}
