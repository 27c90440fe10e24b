package io.relyscan.core.inventory;

import java.util.Map;

/**
 * An SNS topic, as an alarm action target.
 *
 * @param owner                  the AWS account that owns the topic (GetTopicAttributes Owner)
 * @param subscriptionsConfirmed confirmed subscriptions; null when not collected
 * @param subscriptionsPending   subscriptions waiting for confirmation; null when not collected
 */
public record SnsTopic(String arn, String account, String region, String name, String owner,
                       Integer subscriptionsConfirmed, Integer subscriptionsPending, Map<String, String> tags)
        implements Resource {
    public SnsTopic {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.SNS;
    }

    @Override
    public String displayName() {
        return name;
    }
}
