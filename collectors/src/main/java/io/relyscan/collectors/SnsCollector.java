package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.SnsTopic;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SNS topics as alarm action targets: ListTopics (paged), then GetTopicAttributes per topic for its Owner and the
 * SubscriptionsConfirmed / SubscriptionsPending counts. The counts are preferred over listing subscriptions: one
 * call per topic however many subscriptions it has (ListSubscriptionsByTopic returns 100 per page), and they count
 * subscriptions made from other accounts too. Only a topic whose counts show no confirmed subscription is checked
 * with ListSubscriptionsByTopic (pending ones are listed with SubscriptionArn "PendingConfirmation"), so that a
 * "delivers to nobody" finding rests on the subscriptions themselves; that costs calls only for the topics the
 * counts flag. (moto reports both counts as 0 whatever the subscriptions, which this check also absorbs.)
 * Topic tags would take one more call per topic and no rule needs them, so they are not collected. The per-topic
 * calls of different topics run concurrently ({@link FanOut}).
 */
public final class SnsCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic",
            "sns:ListTopics");
    static final String PENDING = "PendingConfirmation";

    SnsCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.SNS, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        SnsClient sns = clients.sns(scope.region());
        List<String> arns = new ArrayList<>();
        pages(key, "ListTopics", sns.listTopicsPaginator(b -> { }),
                page -> page.topics().stream().map(Topic::topicArn).filter(a -> a != null && !a.isBlank())
                        .forEach(arns::add));
        ResourceGaps gaps = new ResourceGaps();
        perResource(arns, gaps, (arn, topicGaps) -> topic(scope, key, sns, arn, topicGaps)).forEach(sink::add);
        gaps.flush(sink);
    }

    /** One topic's attributes, and its subscriptions when the counts show none confirmed. */
    private SnsTopic topic(ScanScope scope, EndpointKey key, SnsClient sns, String arn, ResourceGaps gaps) {
        Map<String, String> attributes = Map.of();
        Integer confirmed = null;
        Integer pending = null;
        try {
            attributes = call(key, "GetTopicAttributes", () -> sns.getTopicAttributes(b -> b.topicArn(arn)))
                    .attributes();
            confirmed = count(attributes.get("SubscriptionsConfirmed"));
            pending = count(attributes.get("SubscriptionsPending"));
        } catch (CollectionException e) {
            gaps.failed(arn, e);
        }
        if (confirmed != null && confirmed == 0) {
            try {
                List<Subscription> subscriptions = new ArrayList<>();
                pages(key, "ListSubscriptionsByTopic", sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(arn)),
                        page -> subscriptions.addAll(page.subscriptions()));
                confirmed = (int) subscriptions.stream().filter(s -> isArn(s.subscriptionArn())).count();
                pending = (int) subscriptions.stream().filter(s -> PENDING.equals(s.subscriptionArn())).count();
            } catch (CollectionException e) {
                gaps.failed(arn, e);
            }
        }
        String owner = blankToNull(attributes.get("Owner"));
        return topic(scope, arn, owner, confirmed, pending);
    }

    static SnsTopic topic(ScanScope scope, String arn, String owner, Integer confirmed, Integer pending) {
        String[] parts = arn.split(":", 6);
        String name = parts.length == 6 ? parts[5] : arn;
        String account = parts.length == 6 && !parts[4].isBlank() ? parts[4] : scope.account();
        return new SnsTopic(arn, scope.account(), scope.region(), name, owner != null ? owner : account, confirmed,
                pending, Map.of());
    }

    private static boolean isArn(String subscriptionArn) {
        return subscriptionArn != null && subscriptionArn.startsWith("arn:");
    }

    /** A count attribute; null when absent or not a number (the rule then cannot judge the topic). */
    static Integer count(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
