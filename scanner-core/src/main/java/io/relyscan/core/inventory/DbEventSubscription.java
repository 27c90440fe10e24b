package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An RDS event notification subscription (events delivered to an SNS topic).
 *
 * @param sourceType      db-instance, db-cluster, db-parameter-group, ...; null when it covers every source type
 * @param sourceIds       the sources it is limited to; empty when it covers every source of its type
 * @param eventCategories the categories it delivers; empty when it delivers every category
 * @param status          active, no-permission, topic-not-exist, creating, modifying, deleting
 */
public record DbEventSubscription(String arn, String account, String region, String name, String snsTopicArn,
                                  String sourceType, List<String> sourceIds, List<String> eventCategories,
                                  Boolean enabled, String status, Map<String, String> tags) implements Resource {
    public DbEventSubscription {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        sourceIds = Lists.copy(sourceIds);
        eventCategories = Lists.copy(eventCategories);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.RDS;
    }

    @Override
    public String displayName() {
        return name;
    }
}
