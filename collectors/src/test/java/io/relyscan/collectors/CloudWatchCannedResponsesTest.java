package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.MetricReading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudWatch answers moto does not give: a real StateUpdatedTimestamp and TreatMissingData, metric-math inputs
 * with dimensions, and denied ListMetrics / GetMetricData calls (gaps, not silently missing data).
 */
class CloudWatchCannedResponsesTest {
    static WireMockServer wire;
    AwsSession session;

    static final String ALARMS = """
            <DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
             <DescribeAlarmsResult>
              <MetricAlarms>
               <member>
                <AlarmName>orders-free-storage</AlarmName>
                <AlarmArn>arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-free-storage</AlarmArn>
                <ActionsEnabled>true</ActionsEnabled>
                <AlarmActions><member>arn:aws:sns:us-east-1:123456789012:ops</member></AlarmActions>
                <OKActions/><InsufficientDataActions/>
                <StateValue>INSUFFICIENT_DATA</StateValue>
                <StateUpdatedTimestamp>2026-11-20T08:15:30.123Z</StateUpdatedTimestamp>
                <TreatMissingData>missing</TreatMissingData>
                <MetricName>FreeStorageSpace</MetricName>
                <Namespace>AWS/RDS</Namespace>
                <Dimensions><member><Name>DBInstanceIdentifier</Name><Value>orders</Value></member></Dimensions>
               </member>
               <member>
                <AlarmName>web-error-rate</AlarmName>
                <AlarmArn>arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-error-rate</AlarmArn>
                <ActionsEnabled>true</ActionsEnabled>
                <AlarmActions/><OKActions/><InsufficientDataActions/>
                <StateValue>INSUFFICIENT_DATA</StateValue>
                <StateUpdatedTimestamp>2026-11-21T00:00:00Z</StateUpdatedTimestamp>
                <Metrics>
                 <member><Id>errors</Id><ReturnData>false</ReturnData><MetricStat><Metric><Namespace>AWS/ApplicationELB</Namespace><MetricName>HTTPCode_ELB_5XX_Count</MetricName><Dimensions><member><Name>LoadBalancer</Name><Value>app/web/1</Value></member></Dimensions></Metric><Period>60</Period><Stat>Sum</Stat></MetricStat></member>
                 <member><Id>requests</Id><ReturnData>false</ReturnData><MetricStat><Metric><Namespace>AWS/ApplicationELB</Namespace><MetricName>RequestCount</MetricName><Dimensions><member><Name>LoadBalancer</Name><Value>app/web/1</Value></member></Dimensions></Metric><Period>60</Period><Stat>Sum</Stat></MetricStat></member>
                 <member><Id>rate</Id><Expression>errors / requests</Expression><ReturnData>true</ReturnData></member>
                </Metrics>
               </member>
              </MetricAlarms>
              <CompositeAlarms>
               <member>
                <AlarmName>site-down</AlarmName>
                <AlarmArn>arn:aws:cloudwatch:us-east-1:123456789012:alarm:site-down</AlarmArn>
                <AlarmRule>ALARM("web-error-rate")</AlarmRule>
                <ActionsEnabled>true</ActionsEnabled>
                <AlarmActions/><OKActions/><InsufficientDataActions/>
                <StateValue>INSUFFICIENT_DATA</StateValue>
                <StateUpdatedTimestamp>2026-11-19T00:00:00Z</StateUpdatedTimestamp>
               </member>
              </CompositeAlarms>
             </DescribeAlarmsResult>
            </DescribeAlarmsResponse>""";

    static final String DENIED = """
            <ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/scan is not authorized to perform: cloudwatch:%s</Message></Error>
              <RequestId>3b1f4c1e-0000-4000-8000-000000000000</RequestId>
            </ErrorResponse>""";

    static String metrics(String... metricXml) {
        return "<ListMetricsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><ListMetricsResult>"
                + "<Metrics>" + String.join("", metricXml) + "</Metrics></ListMetricsResult></ListMetricsResponse>";
    }

    static String metric(String namespace, String name, String dimName, String dimValue) {
        return "<member><Namespace>" + namespace + "</Namespace><MetricName>" + name + "</MetricName><Dimensions>"
                + "<member><Name>" + dimName + "</Name><Value>" + dimValue + "</Value></member></Dimensions></member>";
    }

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
        session = TestSessions.session(URI.create(wire.baseUrl()));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAlarms"))
                .willReturn(xml(ALARMS)));
    }

    @AfterEach
    void close() {
        session.close();
    }

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    static ResponseDefinitionBuilder denied(String action) {
        return aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
                .withBody(DENIED.formatted(action));
    }

    RecordingSink collect() {
        RecordingSink sink = new RecordingSink();
        session.collectors(Set.of(AwsService.CLOUDWATCH)).get(0).collect(TestSessions.SCOPE, sink);
        return sink;
    }

    @Test
    void stateTimestampsMissingDataAndMetricChecks() {
        // The FreeStorageSpace listing (no dimension filter) knows orders; the alarm's check (filtered by its
        // dimension) too. Of the math alarm's inputs only the 5XX count exists.
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListMetrics"))
                .withRequestBody(containing("MetricName=FreeStorageSpace"))
                .willReturn(xml(metrics(metric("AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", "orders")))));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListMetrics"))
                .withRequestBody(containing("MetricName=HTTPCode_ELB_5XX_Count"))
                .willReturn(xml(metrics(metric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer",
                        "app/web/1")))));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListMetrics"))
                .withRequestBody(containing("MetricName=RequestCount")).willReturn(xml(metrics())));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData")).willReturn(xml("""
                <GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                 <GetMetricDataResult>
                  <MetricDataResults>
                   <member><Id>q0</Id><Label>FreeStorageSpace</Label><StatusCode>Complete</StatusCode>
                    <Timestamps><member>2026-11-28T11:50:00Z</member><member>2026-11-28T11:55:00Z</member></Timestamps>
                    <Values><member>8.5E9</member><member>8.25E9</member></Values>
                   </member>
                  </MetricDataResults>
                  <Messages/>
                 </GetMetricDataResult>
                </GetMetricDataResponse>""")));

        RecordingSink sink = collect();

        assertThat(sink.gaps).isEmpty();
        Alarm storage = sink.one(Alarm.class, "orders-free-storage");
        assertThat(storage.stateUpdatedTimestamp()).isEqualTo("2026-11-20T08:15:30.123Z");
        assertThat(storage.treatMissingData()).isEqualTo("missing");
        assertThat(storage.metricFound()).isTrue();
        Alarm math = sink.one(Alarm.class, "web-error-rate");
        assertThat(math.isMetricMath()).isTrue();
        assertThat(math.metrics()).extracting(m -> m.id() + " " + m.metricName() + " " + m.dimensions())
                .containsExactly("errors HTTPCode_ELB_5XX_Count {LoadBalancer=app/web/1}",
                        "requests RequestCount {LoadBalancer=app/web/1}");
        assertThat(math.metricFound()).isFalse();
        Alarm composite = sink.one(Alarm.class, "site-down");
        assertThat(composite.stateUpdatedTimestamp()).isEqualTo("2026-11-19T00:00:00Z");
        assertThat(composite.metricFound()).isNull();
        // The newest datapoint wins, whatever order the service returns them in.
        MetricReading free = sink.all(MetricReading.class).get(0);
        assertThat(free.value()).isEqualTo(8.25e9);
        assertThat(free.timestamp()).isEqualTo("2026-11-28T11:55:00Z");
        assertThat(free.dimensions()).isEqualTo(Map.of("DBInstanceIdentifier", "orders"));
        wire.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData"))
                .withRequestBody(containing("MetricDataQueries.member.1.MetricStat.Stat=Minimum"))
                .withRequestBody(containing("ScanBy=TimestampDescending")));
        // The alarm check filters by the alarm's dimensions.
        wire.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=ListMetrics"))
                .withRequestBody(containing("Dimensions.member.1.Value=app%2Fweb%2F1")));
    }

    @Test
    void deniedListMetrics_isAGapAndAlarmsStayUnchecked() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListMetrics"))
                .willReturn(denied("ListMetrics")));

        RecordingSink sink = collect();

        // The FreeStorageSpace listing and the per-alarm checks failed; DescribeAlarms did not.
        assertThat(sink.gaps).isNotEmpty().allSatisfy(g -> {
            assertThat(g.operation()).isEqualTo("ListMetrics");
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        });
        assertThat(sink.all(Alarm.class)).hasSize(3).allSatisfy(a -> assertThat(a.metricFound()).isNull());
        assertThat(sink.all(MetricReading.class)).isEmpty();
        wire.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData")));
    }

    @Test
    void deniedGetMetricData_isAGap() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListMetrics"))
                .withRequestBody(notContaining("Dimensions.member"))
                .willReturn(xml(metrics(metric("AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", "orders")))));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListMetrics"))
                .withRequestBody(containing("Dimensions.member")).willReturn(xml(metrics())));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData"))
                .willReturn(denied("GetMetricData")));

        RecordingSink sink = collect();

        assertThat(sink.gaps).singleElement().satisfies(g -> {
            assertThat(g.operation()).isEqualTo("GetMetricData");
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        });
        assertThat(sink.all(Alarm.class)).hasSize(3);
        assertThat(sink.one(Alarm.class, "orders-free-storage").metricFound()).isFalse();
        assertThat(sink.all(MetricReading.class)).isEmpty();
    }
}
