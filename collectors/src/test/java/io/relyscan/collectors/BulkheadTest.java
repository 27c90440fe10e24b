package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.CollectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The bulkhead of {@link ResilientCaller}: fake calls that block on a latch count how many are in flight at once,
 * so the caps are proven by counting, not by timing.
 */
class BulkheadTest {
    static final String ACCOUNT = TestSessions.ACCOUNT;
    static final EndpointKey RDS = EndpointKey.of(ACCOUNT, "us-east-1", AwsService.RDS);
    static final EndpointKey EC2 = EndpointKey.of(ACCOUNT, "us-east-1", AwsService.EC2);
    static final EndpointKey RDS_WEST = EndpointKey.of(ACCOUNT, "us-west-2", AwsService.RDS);

    final ExecutorService pool = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger entered = new AtomicInteger();
    final Map<EndpointKey, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();
    final Map<EndpointKey, AtomicInteger> maxByEndpoint = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    static ResilientCaller caller(int perEndpoint, int overall, Duration callTimeout) {
        return new ResilientCaller(new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(2)), callTimeout,
                TestSessions.resilience().withMaxInFlight(perEndpoint, overall));
    }

    /** A fake SDK call that stays in flight until the test releases it. */
    String blockingCall(EndpointKey key) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        int atEndpoint = inFlightByEndpoint.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        maxByEndpoint.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(atEndpoint, Math::max);
        entered.incrementAndGet();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never released the call");
            }
            return "ok";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlightByEndpoint.get(key).decrementAndGet();
            inFlight.decrementAndGet();
        }
    }

    List<Future<String>> start(ResilientCaller caller, EndpointKey key, int calls) {
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            futures.add(pool.submit(() -> caller.call(key, "DescribeThings", () -> blockingCall(key))));
        }
        return futures;
    }

    /** Waits (without asserting on time) until the condition holds; fails only if it never does. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    static void allSucceed(List<Future<String>> futures) throws Exception {
        for (Future<String> f : futures) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    @Test
    void call_manyAtOnceToOneEndpoint_neverHasMoreInFlightThanTheEndpointCap() throws Exception {
        ResilientCaller caller = caller(3, 10, Duration.ofSeconds(60));
        List<Future<String>> futures = start(caller, RDS, 9);

        await("3 calls in flight and 6 waiting for a permit",
                () -> entered.get() == 3 && caller.waitingForInFlightPermit(RDS) == 6);
        assertThat(inFlight.get()).isEqualTo(3);
        release.countDown();
        allSucceed(futures);

        assertThat(entered.get()).isEqualTo(9);
        assertThat(maxInFlight.get()).isEqualTo(3);
        assertThat(caller.freeInFlightPermits(RDS)).isEqualTo(3);
        assertThat(caller.telemetry(RDS).orElseThrow().calls()).isEqualTo(9);
    }

    @Test
    void call_manyAtOnceToSeveralEndpoints_neverHasMoreInFlightThanTheOverallCap() throws Exception {
        ResilientCaller caller = caller(2, 4, Duration.ofSeconds(60));
        List<Future<String>> futures = new ArrayList<>();
        for (EndpointKey key : List.of(RDS, EC2, RDS_WEST)) {
            futures.addAll(start(caller, key, 3));
        }

        await("4 calls in flight, the other 5 waiting", () -> entered.get() == 4 && caller.waitingForInFlightPermit(RDS)
                + caller.waitingForInFlightPermit(EC2) + caller.waitingForInFlightPermit(RDS_WEST)
                + caller.waitingForOverallPermit() == 5);
        assertThat(inFlight.get()).isEqualTo(4);
        release.countDown();
        allSucceed(futures);

        assertThat(entered.get()).isEqualTo(9);
        assertThat(maxInFlight.get()).isEqualTo(4);
        assertThat(maxByEndpoint.values()).allSatisfy(max -> assertThat(max.get()).isLessThanOrEqualTo(2));
        assertThat(caller.freeOverallPermits()).isEqualTo(4);
    }

    @Test
    void call_whenNoPermitFreesUpWithinTheCallTimeout_failsAsTimeoutWithoutAttempting() throws Exception {
        ResilientCaller caller = caller(1, 4, Duration.ofMillis(300));
        List<Future<String>> holder = start(caller, RDS, 1);
        await("one call in flight", () -> entered.get() == 1);

        CollectionException e = catchThrowableOfType(
                () -> caller.call(RDS, "DescribeDBInstances", () -> blockingCall(RDS)), CollectionException.class);

        assertThat(e.reason()).isEqualTo(GapReason.TIMEOUT);
        assertThat(e.operation()).isEqualTo("DescribeDBInstances");
        assertThat(e.getMessage()).contains("could start within the call timeout of 300 ms")
                .contains("1 per endpoint and 4 overall");
        assertThat(entered.get()).as("the second call never reached AWS").isEqualTo(1);
        assertThat(caller.breakerState(RDS).name()).as("waiting says nothing about the endpoint").isEqualTo("CLOSED");
        release.countDown();
        allSucceed(holder);
        assertThat(caller.freeInFlightPermits(RDS)).isEqualTo(1);
        assertThat(caller.freeOverallPermits()).isEqualTo(4);
    }

    @Test
    void call_whenInterruptedWhileWaitingForAPermit_failsAsDeadlineExceededAndLeaksNoPermit() throws Exception {
        ResilientCaller caller = caller(1, 4, Duration.ofSeconds(60));
        List<Future<String>> holder = start(caller, RDS, 1);
        await("one call in flight", () -> entered.get() == 1);
        Future<String> waiter = pool.submit(() -> caller.call(RDS, "DescribeDBInstances", () -> blockingCall(RDS)));
        await("one call waiting", () -> caller.waitingForInFlightPermit(RDS) == 1);

        waiter.cancel(true);
        await("the waiter gave up", () -> caller.waitingForInFlightPermit(RDS) == 0);
        release.countDown();
        allSucceed(holder);

        assertThat(entered.get()).isEqualTo(1);
        assertThat(caller.freeInFlightPermits(RDS)).isEqualTo(1);
        assertThat(caller.freeOverallPermits()).isEqualTo(4);
    }

    @Test
    void call_whenTheInterruptedWaiterIsObserved_reportsDeadlineExceeded() throws Exception {
        ResilientCaller caller = caller(1, 4, Duration.ofSeconds(60));
        List<Future<String>> holder = start(caller, RDS, 1);
        await("one call in flight", () -> entered.get() == 1);
        AtomicInteger outcome = new AtomicInteger();
        List<GapReason> reasons = new ArrayList<>();
        Thread waiter = new Thread(() -> {
            try {
                caller.call(RDS, "DescribeDBInstances", () -> blockingCall(RDS));
            } catch (CollectionException e) {
                synchronized (reasons) {
                    reasons.add(e.reason());
                }
            }
            outcome.incrementAndGet();
        });
        waiter.start();
        await("one call waiting", () -> caller.waitingForInFlightPermit(RDS) == 1);
        waiter.interrupt();
        waiter.join(10_000);

        assertThat(outcome.get()).isEqualTo(1);
        synchronized (reasons) {
            assertThat(reasons).containsExactly(GapReason.DEADLINE_EXCEEDED);
        }
        release.countDown();
        allSucceed(holder);
        assertThat(caller.freeInFlightPermits(RDS)).isEqualTo(1);
    }

    @Test
    void call_whenAttemptsFail_givesEveryPermitBack() {
        ResilientCaller caller = caller(2, 3, Duration.ofSeconds(60));
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            catchThrowableOfType(() -> caller.call(RDS, "DescribeDBInstances", () -> {
                attempts.incrementAndGet();
                throw ErrorClassifierTest.service("InternalFailure", 500, "boom");
            }), CollectionException.class);
        }
        catchThrowableOfType(() -> caller.call(EC2, "DescribeInstances", () -> {
            throw new IllegalStateException("a bug in a collector");
        }), CollectionException.class);

        assertThat(attempts.get()).as("3 attempts per call until the breaker opened").isLessThanOrEqualTo(15);
        assertThat(caller.freeInFlightPermits(RDS)).isEqualTo(2);
        assertThat(caller.freeInFlightPermits(EC2)).isEqualTo(2);
        assertThat(caller.freeOverallPermits()).isEqualTo(3);
    }

    @Test
    void settings_whenOverallCapBelowEndpointCap_areRejected() {
        assertThat(catchThrowableOfType(() -> TestSessions.resilience().withMaxInFlight(4, 2),
                IllegalArgumentException.class)).hasMessageContaining("maxInFlightPerEndpoint");
        assertThat(new Semaphore(ResilienceSettings.defaults().maxInFlightOverall()).availablePermits())
                .isEqualTo(16);
        assertThat(ResilienceSettings.defaults().maxInFlightPerEndpoint()).isEqualTo(4);
    }
}
