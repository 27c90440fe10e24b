package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.CollectionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.relyscan.collectors.ResilientCallerTest.ok;
import static io.relyscan.collectors.ResilientCallerTest.queryError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Once AWS rejects the credentials, the resilience layer sends no more calls with them. */
class RejectedCredentialsTest {
    static final String EXPIRED = "The security token included in the request is expired";
    static final EndpointKey RDS_E1 = EndpointKey.of(TestSessions.ACCOUNT, "us-east-1", AwsService.RDS);
    static final EndpointKey EC2_E1 = EndpointKey.of(TestSessions.ACCOUNT, "us-east-1", AwsService.EC2);
    static final EndpointKey RDS_W1 = EndpointKey.of(TestSessions.ACCOUNT, "eu-west-1", AwsService.RDS);

    static WireMockServer wire;
    AwsClientFactory clients;
    ResilientCaller caller;

    @BeforeAll
    static void startWireMock() {
        wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
    }

    @AfterAll
    static void stopWireMock() {
        wire.stop();
    }

    @BeforeEach
    void connect() {
        wire.resetAll();
        AwsConnectionSettings settings = new AwsConnectionSettings(null, URI.create(wire.baseUrl()),
                Duration.ofSeconds(5), Duration.ofSeconds(20),
                new RetrySettings(4, Duration.ofMillis(1), Duration.ofMillis(10)));
        clients = new AwsClientFactory(settings, TestSessions.CREDENTIALS);
        caller = new ResilientCaller(settings.retry(), settings.callTimeout(), TestSessions.resilience());
    }

    @AfterEach
    void close() {
        clients.close();
    }

    /** DescribeDBInstances through the caller on {@code key} (its region picks the client). */
    CollectionException rdsCallFails(EndpointKey key) {
        return catchThrowableOfType(CollectionException.class, () -> caller.call(key, "DescribeDBInstances",
                () -> clients.rds(key.region()).describeDBInstances()));
    }

    CollectionException ec2CallFails(EndpointKey key) {
        return catchThrowableOfType(CollectionException.class, () -> caller.call(key, "DescribeInstances",
                () -> clients.ec2(key.region()).describeInstances()));
    }

    static int requests() {
        return wire.findAll(anyRequestedFor(anyUrl())).size();
    }

    @Test
    void expiredToken_isNotRetried_andNoLaterCallToAnyEndpointOrRegionIsSent() {
        wire.stubFor(post(urlEqualTo("/")).willReturn(queryError(400, "ExpiredToken", EXPIRED)));

        CollectionException first = rdsCallFails(RDS_E1);
        assertThat(first.reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
        assertThat(first.getMessage()).startsWith("ExpiredToken (HTTP 400): " + EXPIRED);
        assertThat(requests()).as("one attempt, no retry").isEqualTo(1);

        CollectionException sameEndpoint = rdsCallFails(RDS_E1);
        CollectionException otherService = ec2CallFails(EC2_E1);
        CollectionException otherRegion = rdsCallFails(RDS_W1);

        assertThat(requests()).as("nothing sent after the rejection").isEqualTo(1);
        for (CollectionException e : new CollectionException[]{sameEndpoint, otherService, otherRegion}) {
            assertThat(e.reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
            assertThat(e.getMessage()).isEqualTo("not attempted: AWS credentials expired during the scan "
                    + "(ExpiredToken: " + EXPIRED + ", first seen on rds:DescribeDBInstances)");
        }
        assertThat(caller.credentialsProblem()).hasValue("AWS credentials expired during the scan (ExpiredToken: "
                + EXPIRED + ", first seen on rds:DescribeDBInstances); 3 later calls were not attempted; refresh "
                + "the credentials (e.g. aws sso login, or new session keys) and scan again");
        EndpointTelemetry rds = caller.telemetry(RDS_E1).orElseThrow();
        assertThat(rds.calls()).isEqualTo(2);
        assertThat(rds.attempts()).isEqualTo(1);
        assertThat(rds.retries()).isZero();
        assertThat(rds.errorsByKind()).isEqualTo(Map.of("INVALID_CREDENTIALS", 2L));
        assertThat(caller.telemetry(EC2_E1).orElseThrow().attempts()).isZero();
        assertThat(caller.breakerState(RDS_E1)).as("credentials say nothing about the endpoint's health")
                .isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void invalidClientTokenId_stopsCallsToThatRegionOnly() {
        wire.stubFor(post(urlEqualTo("/")).withHeader("Authorization", containing("/eu-west-1/"))
                .willReturn(queryError(403, "InvalidClientTokenId",
                        "The security token included in the request is invalid.")));
        wire.stubFor(post(urlEqualTo("/")).withHeader("Authorization", containing("/us-east-1/")).willReturn(ok()));

        assertThat(rdsCallFails(RDS_W1).reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
        CollectionException again = rdsCallFails(RDS_W1);
        assertThat(requests()).isEqualTo(1);
        assertThat(again.getMessage()).isEqualTo("not attempted: AWS rejected the credentials in eu-west-1 "
                + "(InvalidClientTokenId: The security token included in the request is invalid., first seen on "
                + "rds:DescribeDBInstances)");

        assertThat(caller.call(RDS_E1, "DescribeDBInstances",
                () -> clients.rds("us-east-1").describeDBInstances()).dbInstances()).isEmpty();
        assertThat(requests()).as("the other region is still called").isEqualTo(2);
        assertThat(caller.credentialsProblem()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("AWS rejected the credentials in eu-west-1 (InvalidClientTokenId: ")
                .contains("1 later call was not attempted there"));
    }

    @Test
    void accessDenied_doesNotStopLaterCalls() {
        wire.stubFor(post(urlEqualTo("/")).willReturn(queryError(403, "AccessDenied", "not authorized")));

        assertThat(rdsCallFails(RDS_E1).reason()).isEqualTo(GapReason.ACCESS_DENIED);
        assertThat(rdsCallFails(RDS_E1).reason()).isEqualTo(GapReason.ACCESS_DENIED);

        assertThat(requests()).isEqualTo(2);
        assertThat(caller.credentialsProblem()).isEmpty();
    }

    @Test
    void expiredToken_inOneAccount_doesNotStopCallsToAnotherAccount() {
        EndpointKey otherAccount = EndpointKey.of("210987654321", "us-east-1", AwsService.RDS);
        wire.stubFor(post(urlEqualTo("/")).willReturn(queryError(400, "ExpiredToken", EXPIRED)));
        assertThat(rdsCallFails(RDS_E1).reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);

        wire.stubFor(post(urlEqualTo("/")).willReturn(ok()));
        assertThat(caller.call(otherAccount, "DescribeDBInstances",
                () -> clients.rds("us-east-1").describeDBInstances()).dbInstances()).isEmpty();
        assertThat(rdsCallFails(RDS_W1).getMessage()).startsWith("not attempted: AWS credentials expired");
        assertThat(requests()).as("the expired account is not called again; the other one is").isEqualTo(2);

        wire.stubFor(post(urlEqualTo("/")).willReturn(queryError(400, "ExpiredToken", EXPIRED)));
        EndpointKey third = EndpointKey.of("310987654321", "eu-west-1", AwsService.RDS);
        assertThat(rdsCallFails(third).reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
        assertThat(caller.credentialsProblem()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("AWS credentials expired during the scan (ExpiredToken: ")
                .contains("(in account " + TestSessions.ACCOUNT + ", and in 1 more account)"));
    }
}
