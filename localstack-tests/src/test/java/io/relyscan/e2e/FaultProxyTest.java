package io.relyscan.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault proxy itself: how it identifies calls, what each fault looks like on the wire, and its counting. */
class FaultProxyTest {
    private static final String REAL = "<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>";
    private static WireMockServer upstream;
    private static FaultProxy proxy;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        upstream.start();
        upstream.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(REAL)));
        proxy = FaultProxy.start(URI.create("http://127.0.0.1:" + upstream.port()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.stop();
    }

    @BeforeEach
    void reset() {
        proxy.clearRules();
        proxy.resetCounts();
    }

    @Test
    void identifiesServiceRegionAndOperation_ofEachProtocol() throws Exception {
        query("ec2", "eu-west-1", "DescribeInstances");
        json("config", "us-east-1", "StarlingDoveService.DescribeConfigurationRecorders");
        rest("backup", "us-east-1", "/backup/plans/abc/selections/");
        assertThat(proxy.attemptsByCall().keySet()).containsExactly(
                new FaultProxy.CallKey("backup", "us-east-1", "ListBackupSelections"),
                new FaultProxy.CallKey("config", "us-east-1", "DescribeConfigurationRecorders"),
                new FaultProxy.CallKey("ec2", "eu-west-1", "DescribeInstances"));
    }

    @Test
    void throttles_inEachServicesOwnProtocol() throws Exception {
        proxy.inject(FaultRule.matching(null, null, null).respond(FaultRule.Kind.THROTTLE));
        HttpResponse<String> ec2 = query("ec2", "us-east-1", "DescribeInstances");
        assertThat(ec2.statusCode()).isEqualTo(503);
        assertThat(ec2.body()).contains("<Response><Errors><Error><Code>RequestLimitExceeded</Code>");
        HttpResponse<String> rds = query("rds", "us-east-1", "DescribeDBInstances");
        assertThat(rds.statusCode()).isEqualTo(400);
        assertThat(rds.body()).contains("<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>");
        HttpResponse<String> config = json("config", "us-east-1", "StarlingDoveService.DescribeDeliveryChannels");
        assertThat(config.statusCode()).isEqualTo(400);
        assertThat(config.body()).contains("\"__type\":\"ThrottlingException\"");
        assertThat(config.headers().firstValue("x-amzn-ErrorType")).hasValue("ThrottlingException");
        assertThat(proxy.faultsInjected()).isEqualTo(3);
        assertThat(upstream.getAllServeEvents()).as("faults never reach the upstream").isEmpty();
    }

    @Test
    void matchesOnlyItsServiceRegionAndOperation() throws Exception {
        proxy.inject(FaultRule.matching("rds", "eu-west-1", null).error(403, "AccessDenied", "no"));
        assertThat(query("rds", "eu-west-1", "DescribeDBInstances").statusCode()).isEqualTo(403);
        assertThat(query("rds", "us-east-1", "DescribeDBInstances").body()).isEqualTo(REAL);
        assertThat(query("ec2", "eu-west-1", "DescribeInstances").body()).isEqualTo(REAL);
    }

    @Test
    void probability_isDeterministicForASeed_andLimitAndAfterRequestsAreHonoured() throws Exception {
        List<Integer> first = statuses(FaultRule.matching("ec2", null, null).probability(0.3).seed(11), 40);
        List<Integer> second = statuses(FaultRule.matching("ec2", null, null).probability(0.3).seed(11), 40);
        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(s -> s == 503).count()).isBetween(4L, 20L);

        List<Integer> bounded = statuses(FaultRule.matching("ec2", null, null).afterRequests(2).limit(3), 8);
        assertThat(bounded).containsExactly(200, 200, 503, 503, 503, 200, 200, 200);
    }

    @Test
    void forDuration_endsTheFaults() throws Exception {
        proxy.inject(FaultRule.matching("ec2", null, null).forDuration(Duration.ofMillis(300)));
        assertThat(query("ec2", "us-east-1", "DescribeInstances").statusCode()).isEqualTo(503);
        Thread.sleep(400);
        assertThat(query("ec2", "us-east-1", "DescribeInstances").statusCode()).isEqualTo(200);
    }

    @Test
    void resetDelayMalformedAndTruncated() throws Exception {
        proxy.inject(FaultRule.matching("ec2", null, "DescribeVolumes").respond(FaultRule.Kind.CONNECTION_RESET));
        proxy.inject(FaultRule.matching("ec2", null, "DescribeImages").respond(FaultRule.Kind.MALFORMED_BODY));
        proxy.inject(FaultRule.matching("ec2", null, "DescribeSnapshots").respond(FaultRule.Kind.TRUNCATED_BODY));
        proxy.inject(FaultRule.matching("ec2", null, "DescribeTags").delayedBy(Duration.ofMillis(500)));
        assertThatThrownBy(() -> query("ec2", "us-east-1", "DescribeVolumes")).isInstanceOf(IOException.class);
        HttpResponse<String> malformed = query("ec2", "us-east-1", "DescribeImages");
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(malformed.body()).doesNotContain("DescribeInstancesResponse");
        assertThat(query("ec2", "us-east-1", "DescribeSnapshots").body()).isEqualTo(REAL.substring(0,
                REAL.length() / 2));
        long start = System.nanoTime();
        assertThat(query("ec2", "us-east-1", "DescribeTags").body()).isEqualTo(REAL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(proxy.attempts("ec2", "us-east-1", null)).isEqualTo(4);
        assertThat(proxy.faultsInjected()).isEqualTo(4);
    }

    private List<Integer> statuses(FaultRule rule, int n) throws Exception {
        proxy.clearRules();
        proxy.inject(rule);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.add(query("ec2", "us-east-1", "DescribeInstances").statusCode());
        }
        return statuses;
    }

    private HttpResponse<String> query(String service, String region, String action) throws Exception {
        return send(HttpRequest.newBuilder(proxy.endpoint().resolve("/"))
                .header("Authorization", auth(service, region))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=" + action + "&Version=2016-11-15")));
    }

    private HttpResponse<String> json(String service, String region, String target) throws Exception {
        return send(HttpRequest.newBuilder(proxy.endpoint().resolve("/"))
                .header("Authorization", auth(service, region)).header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private HttpResponse<String> rest(String service, String region, String path) throws Exception {
        return send(HttpRequest.newBuilder(proxy.endpoint().resolve(path))
                .header("Authorization", auth(service, region)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String auth(String service, String region) {
        return "AWS4-HMAC-SHA256 Credential=testing/20261128/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
    }
}
