package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.ScalingPolicy;
import io.relyscan.core.inventory.SnsTopic;
import io.relyscan.core.scan.CollectionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.relyscan.collectors.CannedResponsesTest.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What moto never shows: SNS counts as AWS reports them (moto always says 0), pending subscriptions
 * (SubscriptionArn "PendingConfirmation"; moto confirms every subscription at once), a denied GetTopicAttributes,
 * and DescribePolicies paging and failure (moto ignores MaxRecords).
 */
class SnsAndPolicyCannedResponsesTest {
    static final String SNS_NS = "xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"";
    static final String ASG_NS = "xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:";
    /** An empty DescribePolicies answer, for canned Auto Scaling tests about groups only. */
    static final String NO_POLICIES = "<DescribePoliciesResponse " + ASG_NS + "><DescribePoliciesResult>"
            + "<ScalingPolicies/></DescribePoliciesResult><ResponseMetadata><RequestId>p</RequestId>"
            + "</ResponseMetadata></DescribePoliciesResponse>";
    static WireMockServer wire;
    AwsSession session;

    @BeforeAll
    static void start() {
        wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @BeforeEach
    void open() {
        wire.resetAll();
        session = TestSessions.session(URI.create(wire.baseUrl()), 1);
    }

    @AfterEach
    void close() {
        session.close();
    }

    RecordingSink collect(AwsService service) {
        RecordingSink sink = new RecordingSink();
        session.collectors(Set.of(service)).get(0).collect(TestSessions.SCOPE, sink);
        return sink;
    }

    static String topics(String nextToken, String... names) {
        StringBuilder members = new StringBuilder();
        for (String n : names) {
            members.append("<member><TopicArn>").append(TOPIC).append(n).append("</TopicArn></member>");
        }
        return "<ListTopicsResponse " + SNS_NS + "><ListTopicsResult><Topics>" + members + "</Topics>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>")
                + "</ListTopicsResult><ResponseMetadata><RequestId>t</RequestId></ResponseMetadata>"
                + "</ListTopicsResponse>";
    }

    static String attributes(String name, int confirmed, int pending) {
        return "<GetTopicAttributesResponse " + SNS_NS + "><GetTopicAttributesResult><Attributes>"
                + "<entry><key>Owner</key><value>123456789012</value></entry>"
                + "<entry><key>TopicArn</key><value>" + TOPIC + name + "</value></entry>"
                + "<entry><key>SubscriptionsConfirmed</key><value>" + confirmed + "</value></entry>"
                + "<entry><key>SubscriptionsPending</key><value>" + pending + "</value></entry>"
                + "<entry><key>SubscriptionsDeleted</key><value>0</value></entry>"
                + "</Attributes></GetTopicAttributesResult><ResponseMetadata><RequestId>a</RequestId>"
                + "</ResponseMetadata></GetTopicAttributesResponse>";
    }

    void stubAttributes(String name, int confirmed, int pending) {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetTopicAttributes"))
                .withRequestBody(containing("TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3A" + name))
                .willReturn(xml(attributes(name, confirmed, pending))));
    }

    @Test
    void sns_pagesTopics_trustsNonZeroCounts_andListsSubscriptionsOnlyWhenNoneIsConfirmed() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListTopics"))
                .withRequestBody(notContaining("NextToken")).willReturn(xml(topics("page2", "oncall", "quiet"))));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListTopics"))
                .withRequestBody(containing("NextToken=page2")).willReturn(xml(topics(null, "new"))));
        stubAttributes("oncall", 2, 1);
        stubAttributes("quiet", 0, 1);
        // Counts say nothing is confirmed yet, but the subscription list has a confirmed one.
        stubAttributes("new", 0, 0);
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListSubscriptionsByTopic"))
                .withRequestBody(containing("quiet")).willReturn(xml(subscriptions("quiet", "PendingConfirmation"))));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListSubscriptionsByTopic"))
                .withRequestBody(containing("new")).willReturn(xml(subscriptions("new", TOPIC + "new:5f0c"))));

        RecordingSink sink = collect(AwsService.SNS);

        assertThat(sink.gaps).isEmpty();
        SnsTopic oncall = sink.one(SnsTopic.class, "oncall");
        assertThat(oncall.owner()).isEqualTo("123456789012");
        assertThat(oncall.subscriptionsConfirmed()).isEqualTo(2);
        assertThat(oncall.subscriptionsPending()).isEqualTo(1);
        SnsTopic quiet = sink.one(SnsTopic.class, "quiet");
        assertThat(quiet.subscriptionsConfirmed()).isZero();
        assertThat(quiet.subscriptionsPending()).isEqualTo(1);
        assertThat(sink.one(SnsTopic.class, "new").subscriptionsConfirmed()).isEqualTo(1);
        wire.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=ListSubscriptionsByTopic")));
        wire.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=ListSubscriptionsByTopic"))
                .withRequestBody(containing("oncall")));
    }

    static String subscriptions(String topic, String subscriptionArn) {
        return "<ListSubscriptionsByTopicResponse " + SNS_NS + "><ListSubscriptionsByTopicResult><Subscriptions>"
                + "<member><TopicArn>" + TOPIC + topic + "</TopicArn><Protocol>email</Protocol>"
                + "<SubscriptionArn>" + subscriptionArn + "</SubscriptionArn><Owner>123456789012</Owner>"
                + "<Endpoint>oncall@example.com</Endpoint></member></Subscriptions>"
                + "</ListSubscriptionsByTopicResult><ResponseMetadata><RequestId>s</RequestId>"
                + "</ResponseMetadata></ListSubscriptionsByTopicResponse>";
    }

    @Test
    void sns_whenAttributesDenied_keepsTheTopicWithNullCounts_andRecordsOneGap() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListTopics"))
                .willReturn(xml(topics(null, "a", "b"))));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetTopicAttributes"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(
                        "<ErrorResponse " + SNS_NS + "><Error><Type>Sender</Type><Code>AuthorizationError</Code>"
                                + "<Message>not authorized</Message></Error><RequestId>x</RequestId></ErrorResponse>")));

        RecordingSink sink = collect(AwsService.SNS);

        assertThat(sink.gaps).singleElement().satisfies(g -> {
            assertThat(g.operation()).isEqualTo("GetTopicAttributes");
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
            assertThat(g.message()).startsWith("2 resources");
        });
        assertThat(sink.all(SnsTopic.class)).hasSize(2).allSatisfy(t -> {
            assertThat(t.subscriptionsConfirmed()).isNull();
            assertThat(t.subscriptionsPending()).isNull();
            assertThat(t.owner()).isEqualTo("123456789012");
        });
    }

    @Test
    void sns_whenTopicsCannotBeListed_fails() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListTopics"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(
                        "<ErrorResponse " + SNS_NS + "><Error><Type>Sender</Type><Code>AuthorizationError</Code>"
                                + "<Message>no</Message></Error><RequestId>x</RequestId></ErrorResponse>")));

        assertThatThrownBy(() -> collect(AwsService.SNS)).isInstanceOf(CollectionException.class)
                .satisfies(e -> assertThat(((CollectionException) e).reason()).isEqualTo(GapReason.ACCESS_DENIED));
    }

    static String policies(String nextToken, String group, String... names) {
        StringBuilder members = new StringBuilder();
        for (String n : names) {
            members.append("<member><AutoScalingGroupName>").append(group).append("</AutoScalingGroupName>")
                    .append("<PolicyName>").append(n).append("</PolicyName><PolicyARN>arn:aws:autoscaling:us-east-1:")
                    .append("123456789012:scalingPolicy:7d2f:autoScalingGroupName/").append(group)
                    .append(":policyName/").append(n).append("</PolicyARN><PolicyType>StepScaling</PolicyType>")
                    .append("<Enabled>true</Enabled></member>");
        }
        return "<DescribePoliciesResponse " + ASG_NS + "><DescribePoliciesResult><ScalingPolicies>" + members
                + "</ScalingPolicies>" + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>")
                + "</DescribePoliciesResult><ResponseMetadata><RequestId>p</RequestId></ResponseMetadata>"
                + "</DescribePoliciesResponse>";
    }

    static final String ONE_GROUP = "<DescribeAutoScalingGroupsResponse " + ASG_NS + "><DescribeAutoScalingGroupsResult>"
            + "<AutoScalingGroups><member><AutoScalingGroupName>web</AutoScalingGroupName>"
            + "<AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1:autoScalingGroupName/web"
            + "</AutoScalingGroupARN><MinSize>1</MinSize><MaxSize>2</MaxSize><DesiredCapacity>1</DesiredCapacity>"
            + "<AvailabilityZones><member>us-east-1a</member></AvailabilityZones><HealthCheckType>EC2</HealthCheckType>"
            + "</member></AutoScalingGroups></DescribeAutoScalingGroupsResult></DescribeAutoScalingGroupsResponse>";

    @Test
    void autoScaling_pagesPolicies_at50PerPage() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .willReturn(xml(ONE_GROUP)));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribePolicies"))
                .withRequestBody(notContaining("NextToken")).willReturn(xml(policies("p2", "web", "out"))));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribePolicies"))
                .withRequestBody(containing("NextToken=p2")).willReturn(xml(policies(null, "web", "in"))));

        RecordingSink sink = collect(AwsService.AUTOSCALING);

        // Only this test's calls are stubbed: other Auto Scaling calls may leave gaps of their own.
        assertThat(sink.gaps).noneMatch(g -> g.operation().equals("DescribePolicies"));
        assertThat(sink.all(ScalingPolicy.class)).extracting(ScalingPolicy::name).containsExactly("out", "in");
        assertThat(sink.one(ScalingPolicy.class, "in").arn())
                .isEqualTo("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:7d2f:autoScalingGroupName/web"
                        + ":policyName/in");
        wire.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribePolicies"))
                .withRequestBody(containing("MaxRecords=50")));
    }

    @Test
    void autoScaling_whenPoliciesDenied_keepsTheGroups_andRecordsAGap() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .willReturn(xml(ONE_GROUP)));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribePolicies"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(
                        "<ErrorResponse " + ASG_NS + "><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                                + "<Message>no</Message></Error><RequestId>x</RequestId></ErrorResponse>")));

        RecordingSink sink = collect(AwsService.AUTOSCALING);

        assertThat(sink.gaps).filteredOn(g -> g.operation().equals("DescribePolicies")).singleElement()
                .satisfies(g -> assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED));
        assertThat(sink.all(AutoScalingGroup.class)).extracting(AutoScalingGroup::name).containsExactly("web");
        assertThat(sink.all(ScalingPolicy.class)).isEmpty();
    }
}
