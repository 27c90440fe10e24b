package io.relyscan.core.inventory;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Backup's per-region service settings (DescribeRegionSettings). The API returns no ARN; the collector names
 * the record {@code arn:<partition>:backup:<region>:<account>:region-settings}, one per account and region.
 *
 * @param resourceTypeOptInPreference      resource type (AWS Backup's names: RDS, Aurora, EC2, EBS, EFS,
 *                                         DynamoDB, ...) to whether AWS Backup protects that type in the region;
 *                                         a selected resource of an opted-out type is skipped without an error
 * @param resourceTypeManagementPreference resource type to whether AWS Backup fully manages its backups
 *                                         (advanced DynamoDB backup, EFS)
 */
public record BackupRegionSettings(String arn, String account, String region,
                                   Map<String, Boolean> resourceTypeOptInPreference,
                                   Map<String, Boolean> resourceTypeManagementPreference) implements Resource {
    public BackupRegionSettings {
        Lists.require(arn, "arn");
        resourceTypeOptInPreference = copy(resourceTypeOptInPreference);
        resourceTypeManagementPreference = copy(resourceTypeManagementPreference);
    }

    private static Map<String, Boolean> copy(Map<String, Boolean> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
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
        return "backup-region-settings";
    }
}
