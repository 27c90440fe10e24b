package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/** An AWS Backup plan with its rules. Selections are separate resources ({@link BackupSelection}). */
public record BackupPlan(String arn, String account, String region, String planId, String name, String versionId,
                         List<BackupRule> rules, Map<String, String> tags) implements Resource {
    public BackupPlan {
        Lists.require(arn, "arn");
        Lists.require(planId, "planId");
        rules = Lists.copy(rules);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.BACKUP;
    }

    @Override
    public String displayName() {
        return name == null ? planId : name;
    }
}
