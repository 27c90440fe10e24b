package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The resilience layer against faults injected by WireMock on the loopback interface. */
class ResilientCallerTest {
    static final String OK_BODY = """
            <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
              <DescribeDBInstancesResult><DBInstances/></DescribeDBInstancesResult>
              <ResponseMetadata><RequestId>ok-1</RequestId></ResponseMetadata>
            </DescribeDBInstancesResponse>""";
    static final EndpointKey KEY = EndpointKey.of(TestSessions.ACCOUNT, TestSessions.REGION, AwsService.RDS);

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
    void reset() {
        wire.resetAll();
    }

    @AfterEach
    void close() {
        if (clients != null) {
            clients.close();
        }
    }

    void connect(int maxAttempts, Duration attemptTimeout, Duration callTimeout, ResilienceSettings resilience) {
        AwsConnectionSettings settings = new AwsConnectionSettings(null, URI.create(wire.baseUrl()), attemptTimeout,
                callTimeout, new RetrySettings(maxAttempts, Duration.ofMillis(1), Duration.ofMillis(10)));
        clients = new AwsClientFactory(settings, TestSessions.CREDENTIALS);
        caller = new ResilientCaller(settings.retry(), settings.callTimeout(), resilience);
    }

    void connect(int maxAttempts) {
        connect(maxAttempts, Duration.ofSeconds(5), Duration.ofSeconds(20), TestSessions.resilience());
    }

    DescribeDbInstancesResponse describe() {
        return describe(KEY);
    }

    DescribeDbInstancesResponse describe(EndpointKey key) {
        return caller.call(key, "DescribeDBInstances", () -> clients.rds(TestSessions.REGION).describeDBInstances());
    }

    static MappingBuilder describeDbInstances() {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBInstances"));
    }

    static ResponseDefinitionBuilder queryError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("""
                <ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                  <RequestId>err-1</RequestId>
                </ErrorResponse>""".formatted(code, message));
    }

    static ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(OK_BODY);
    }

    int requests() {
        return wire.findAll(postRequestedFor(urlEqualTo("/"))).size();
    }

    EndpointTelemetry telemetry() {
        return caller.telemetry(KEY).orElseThrow();
    }

    @Test
    void call_whenThrottledThenSuccessful_retriesAndCounts() {
        connect(4);
        wire.stubFor(describeDbInstances().inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(queryError(400, "Throttling", "Rate exceeded")).willSetStateTo("once"));
        wire.stubFor(describeDbInstances().inScenario("t").whenScenarioStateIs("once")
                .willReturn(queryError(400, "Throttling", "Rate exceeded")).willSetStateTo("twice"));
        wire.stubFor(describeDbInstances().inScenario("t").whenScenarioStateIs("twice").willReturn(ok()));

        assertThat(describe().dbInstances()).isEmpty();

        EndpointTelemetry t = telemetry();
        assertThat(t.calls()).isEqualTo(1);
        assertThat(t.attempts()).isEqualTo(3);
        assertThat(t.retries()).isEqualTo(2);
        assertThat(t.throttles()).isEqualTo(2);
        assertThat(t.errorsByKind()).isEqualTo(Map.of("THROTTLED", 2L));
        assertThat(t.breakerTransitions()).isEmpty();
        assertThat(t.service()).isEqualTo(AwsService.RDS);
        assertThat(requests()).isEqualTo(3);
        assertThat(caller.breakerState(KEY)).isEqualTo(CircuitBreaker.State.CLOSED);
        // AIMD: two throttles halved the rate twice, the success added one step back.
        assertThat(caller.rate(KEY)).isLessThan(TestSessions.resilience().initialRate());
    }

    @Test
    void call_whenThrottlingOutlivesRetries_failsThrottled() {
        connect(3);
        wire.stubFor(describeDbInstances().willReturn(queryError(400, "ThrottlingException", "Rate exceeded")));

        CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(e.reason()).isEqualTo(GapReason.THROTTLED);
        assertThat(e.operation()).isEqualTo("DescribeDBInstances");
        assertThat(e.getMessage()).contains("ThrottlingException (HTTP 400): Rate exceeded").contains("3 attempts");
        assertThat(requests()).isEqualTo(3);
        assertThat(telemetry().throttles()).isEqualTo(3);
    }

    @Test
    void call_whenThrottled_mayUseTheLargerCapOfThrottledAttempts_whileOtherFailuresStopAtTheCapOfAttempts() {
        AwsConnectionSettings settings = new AwsConnectionSettings(null, URI.create(wire.baseUrl()),
                Duration.ofSeconds(5), Duration.ofSeconds(20),
                new RetrySettings(3, 7, Duration.ofMillis(1), Duration.ofMillis(10)));
        clients = new AwsClientFactory(settings, TestSessions.CREDENTIALS);
        caller = new ResilientCaller(settings.retry(), settings.callTimeout(), TestSessions.resilience());
        wire.stubFor(describeDbInstances().willReturn(queryError(400, "Throttling", "Rate exceeded")));

        CollectionException throttled = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(throttled.reason()).isEqualTo(GapReason.THROTTLED);
        assertThat(throttled.getMessage()).contains("after 7 attempts");
        assertThat(requests()).isEqualTo(7);

        wire.resetAll();
        wire.stubFor(describeDbInstances().willReturn(aResponse().withStatus(500).withBody("oops")));

        CollectionException failed = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(failed.reason()).isEqualTo(GapReason.SERVICE_ERROR);
        assertThat(failed.getMessage()).contains("after 3 attempts");
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void call_whenAccessDenied_triesOnceAndLeavesTheBreakerClosed() {
        connect(4);
        wire.stubFor(describeDbInstances().willReturn(queryError(403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: rds:DescribeDBInstances")));

        for (int i = 0; i < 10; i++) {
            CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);
            assertThat(e.reason()).isEqualTo(GapReason.ACCESS_DENIED);
            assertThat(e.getMessage()).startsWith("AccessDenied (HTTP 403): User: arn:aws:iam::123456789012:user/")
                    .doesNotContain("attempts");
        }

        assertThat(requests()).isEqualTo(10);
        assertThat(caller.breakerState(KEY)).isEqualTo(CircuitBreaker.State.CLOSED);
        EndpointTelemetry t = telemetry();
        assertThat(t.calls()).isEqualTo(10);
        assertThat(t.attempts()).isEqualTo(10);
        assertThat(t.retries()).isZero();
        assertThat(t.breakerTransitions()).isEmpty();
        assertThat(t.errorsByKind()).isEqualTo(Map.of("ACCESS_DENIED", 10L));
    }

    @Test
    void call_whenValidationError_isNotRetried() {
        connect(4);
        wire.stubFor(describeDbInstances().willReturn(queryError(400, "InvalidParameterValue", "bad filter")));

        CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(e.reason()).isEqualTo(GapReason.REQUEST_REJECTED);
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void call_when503Burst_exhaustsRetriesAsServiceError() {
        connect(4);
        wire.stubFor(describeDbInstances().willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));

        CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(e.reason()).isEqualTo(GapReason.SERVICE_ERROR);
        assertThat(e.getMessage()).contains("503").contains("after 4 attempts");
        assertThat(requests()).isEqualTo(4);
        EndpointTelemetry t = telemetry();
        assertThat(t.attempts()).isEqualTo(4);
        assertThat(t.retries()).isEqualTo(3);
        assertThat(t.errorsByKind()).isEqualTo(Map.of("SERVICE_ERROR", 4L));
    }

    @Test
    void call_when503ThenSuccess_recovers() {
        connect(4);
        wire.stubFor(describeDbInstances().inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wire.stubFor(describeDbInstances().inScenario("s").whenScenarioStateIs("up").willReturn(ok()));

        assertThat(describe().dbInstances()).isEmpty();
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void call_whenConnectionReset_isEndpointUnreachableAfterRetries() {
        connect(3);
        wire.stubFor(describeDbInstances().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(e.reason()).isEqualTo(GapReason.ENDPOINT_UNREACHABLE);
        assertThat(requests()).isEqualTo(3);
        assertThat(telemetry().errorsByKind()).containsEntry("ENDPOINT_UNREACHABLE", 3L);
    }

    @Test
    void call_whenResponseIsGarbage_isInvalidResponseAndRetried() {
        connect(2);
        wire.stubFor(describeDbInstances().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody("<DescribeDBInstancesResponse><oops")));

        CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(e.reason()).isEqualTo(GapReason.INVALID_RESPONSE);
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void call_whenSlowerThanTheAttemptTimeout_isTimeoutAfterRetries() {
        connect(2, Duration.ofMillis(300), Duration.ofSeconds(20), TestSessions.resilience());
        wire.stubFor(describeDbInstances().willReturn(ok().withFixedDelay(1500)));

        CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(e.reason()).isEqualTo(GapReason.TIMEOUT);
        assertThat(e.getMessage()).contains("after 2 attempts");
        assertThat(telemetry().errorsByKind()).isEqualTo(Map.of("TIMEOUT", 2L));
    }

    @Test
    void call_whenSlowerThanTheCallTimeout_isTimeoutWithoutRetry() {
        connect(4, Duration.ofSeconds(5), Duration.ofMillis(300), TestSessions.resilience());
        wire.stubFor(describeDbInstances().willReturn(ok().withFixedDelay(1500)));

        CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(e.reason()).isEqualTo(GapReason.TIMEOUT);
        assertThat(telemetry().attempts()).isEqualTo(1);
    }

    @Test
    void call_whenAttemptsKeepTimingOut_stopsRetryingOnceTheCallBudgetIsSpent() {
        connect(10, Duration.ofMillis(150), Duration.ofMillis(400), TestSessions.resilience());
        wire.stubFor(describeDbInstances().willReturn(ok().withFixedDelay(1000)));

        CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(e.reason()).isEqualTo(GapReason.TIMEOUT);
        assertThat(telemetry().attempts()).isBetween(1L, 5L);
    }

    @Test
    void call_whenEndpointKeepsFailing_opensTheBreakerAndShortCircuits() {
        connect(1);
        wire.stubFor(describeDbInstances().willReturn(aResponse().withStatus(500)));

        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowableOfType(CollectionException.class, this::describe).reason())
                    .isEqualTo(GapReason.SERVICE_ERROR);
        }
        CollectionException open = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(open.reason()).isEqualTo(GapReason.BREAKER_OPEN);
        assertThat(open.getMessage()).contains("circuit breaker").contains("rds@123456789012/us-east-1");
        assertThat(requests()).isEqualTo(3);
        assertThat(caller.breakerState(KEY)).isEqualTo(CircuitBreaker.State.OPEN);
        EndpointTelemetry t = telemetry();
        assertThat(t.breakerTransitions()).containsExactly("CLOSED_TO_OPEN");
        assertThat(t.calls()).isEqualTo(4);
        assertThat(t.attempts()).isEqualTo(3);
        assertThat(t.errorsByKind()).containsEntry("BREAKER_OPEN", 1L).containsEntry("SERVICE_ERROR", 3L);

        // Other endpoints have breakers of their own.
        wire.stubFor(describeDbInstances().willReturn(ok()));
        EndpointKey otherRegion = EndpointKey.of(TestSessions.ACCOUNT, "eu-west-1", AwsService.RDS);
        assertThat(describe(otherRegion).dbInstances()).isEmpty();
    }

    @Test
    void call_afterTheOpenPeriod_probesAndClosesWhenTheEndpointRecovered() throws InterruptedException {
        connect(1, Duration.ofSeconds(5), Duration.ofSeconds(20),
                TestSessions.resilience().withBreakerOpenFor(Duration.ofMillis(200)));
        wire.stubFor(describeDbInstances().willReturn(aResponse().withStatus(502)));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(this::describe).isInstanceOf(CollectionException.class);
        }
        assertThat(caller.breakerState(KEY)).isEqualTo(CircuitBreaker.State.OPEN);

        wire.stubFor(describeDbInstances().willReturn(ok()));
        Thread.sleep(400);
        describe();
        describe();

        assertThat(caller.breakerState(KEY)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(telemetry().breakerTransitions())
                .containsExactly("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED");
    }

    @Test
    void call_whenTheErrorQuotesAnAccessKey_scrubsItFromTheMessage() {
        connect(1);
        wire.stubFor(describeDbInstances().willReturn(queryError(403, "InvalidClientTokenId",
                "The security token AKIAIOSFODNN7EXAMPLE included in the request is invalid")));

        CollectionException e = catchThrowableOfType(CollectionException.class, this::describe);

        assertThat(e.reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
        assertThat(e.getMessage()).doesNotContain("AKIA").contains("[redacted]");
    }

    @Test
    void call_fromManyThreads_countsEveryCall() throws Exception {
        connect(2);
        wire.stubFor(describeDbInstances().willReturn(ok()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> describe()));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        EndpointTelemetry t = telemetry();
        assertThat(t.calls()).isEqualTo(40);
        assertThat(t.attempts()).isEqualTo(40);
        assertThat(caller.telemetry()).containsExactly(t);
    }

    @Test
    void release_dropsAnAccountsEndpointState_keepingItsTelemetry_andLeavesOtherAccountsAlone() {
        connect(4);
        EndpointKey other = EndpointKey.of("210987654321", TestSessions.REGION, AwsService.RDS);
        wire.stubFor(describeDbInstances().willReturn(queryError(500, "InternalFailure", "boom")));
        for (int i = 0; i < 3; i++) {
            catchThrowableOfType(CollectionException.class, this::describe);
        }
        assertThat(caller.breakerState(KEY)).isEqualTo(CircuitBreaker.State.OPEN);
        wire.stubFor(describeDbInstances().willReturn(ok()));
        describe(other);

        caller.release(KEY.account());

        assertThat(caller.breakerState(KEY)).as("a fresh endpoint after release").isEqualTo(
                CircuitBreaker.State.CLOSED);
        assertThat(caller.telemetry()).extracting(EndpointTelemetry::account)
                .containsExactlyInAnyOrder(KEY.account(), other.account());
        long callsBefore = telemetry().calls();
        describe();
        assertThat(telemetry().calls()).as("the same statistics go on").isEqualTo(callsBefore + 1);
        assertThat(caller.telemetry()).hasSize(2);
    }
}
