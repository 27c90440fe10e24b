package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * A resource assignment of a backup plan.
 *
 * @param resources    resource ARNs or ARN patterns with {@code *} wildcards
 * @param listOfTags   tag conditions combined with OR (legacy ListOfTags; always STRINGEQUALS in practice)
 * @param conditions   tag conditions combined with AND (Conditions)
 */
public record BackupSelection(String arn, String account, String region, String planId, String selectionId,
                              String name, String iamRoleArn, List<String> resources, List<String> notResources,
                              List<TagCondition> listOfTags, List<TagCondition> conditions) implements Resource {
    public BackupSelection {
        Lists.require(arn, "arn");
        Lists.require(planId, "planId");
        Lists.require(selectionId, "selectionId");
        resources = Lists.copy(resources);
        notResources = Lists.copy(notResources);
        listOfTags = Lists.copy(listOfTags);
        conditions = Lists.copy(conditions);
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
        return name == null ? selectionId : name;
    }
}
