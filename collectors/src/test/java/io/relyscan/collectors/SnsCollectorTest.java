package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.SnsTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against moto: ListTopics pages at 100, so 103 topics take two pages. moto confirms every subscription at once
 * (email included: PendingConfirmation=false and a real SubscriptionArn) and always reports SubscriptionsConfirmed
 * and SubscriptionsPending as 0, so the counts here come from the ListSubscriptionsByTopic check of zero counts.
 */
class SnsCollectorTest extends MotoTestBase {
    static final String PREFIX = "arn:aws:sns:us-east-1:123456789012:";
    static SnsClient sns;
    static RecordingSink sink;

    @BeforeAll
    static void createTopics() {
        sns = TestSessions.client(SnsClient.builder(), endpoint());
        String queued = sns.createTopic(b -> b.name("ops-alerts")).topicArn();
        sns.subscribe(b -> b.topicArn(queued).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:123456789012:ops-q"));
        String mailed = sns.createTopic(b -> b.name("mail-alerts")).topicArn();
        sns.subscribe(b -> b.topicArn(mailed).protocol("email").endpoint("oncall@example.com"));
        sns.createTopic(b -> b.name("nobody-listens"));
        IntStream.range(0, 100).forEach(i -> sns.createTopic(b -> b.name(String.format("bulk-%03d", i))));
        sink = collect(AwsService.SNS);
    }

    @AfterAll
    static void closeClient() {
        sns.close();
    }

    @Test
    void collect_everyTopicAcrossPagesWithoutGaps() {
        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(SnsTopic.class)).hasSize(103).allSatisfy(t -> {
            assertThat(t.service()).isEqualTo(AwsService.SNS);
            assertThat(t.arn()).isEqualTo(PREFIX + t.name());
        });
    }

    @Test
    void collect_topicWithAConfirmedSqsSubscription_fieldByField() {
        SnsTopic t = sink.one(SnsTopic.class, "ops-alerts");
        assertThat(t.account()).isEqualTo(TestSessions.ACCOUNT);
        assertThat(t.region()).isEqualTo(TestSessions.REGION);
        assertThat(t.owner()).isEqualTo(TestSessions.ACCOUNT);
        assertThat(t.subscriptionsConfirmed()).isEqualTo(1);
        assertThat(t.subscriptionsPending()).isZero();
        assertThat(t.tags()).isEmpty();
    }

    @Test
    void collect_emailSubscription_isConfirmedAtOnceInMoto() {
        SnsTopic t = sink.one(SnsTopic.class, "mail-alerts");
        assertThat(t.subscriptionsConfirmed()).isEqualTo(1);
        assertThat(t.subscriptionsPending()).isZero();
    }

    @Test
    void collect_topicWithoutSubscriptions_countsZero() {
        SnsTopic t = sink.one(SnsTopic.class, "nobody-listens");
        assertThat(t.subscriptionsConfirmed()).isZero();
        assertThat(t.subscriptionsPending()).isZero();
    }

    @Test
    void count_parsesOrGivesNull() {
        assertThat(SnsCollector.count(" 3 ")).isEqualTo(3);
        assertThat(SnsCollector.count(null)).isNull();
        assertThat(SnsCollector.count("")).isNull();
        assertThat(SnsCollector.count("many")).isNull();
    }
}
