package io.relyscan.collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.CollectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one path of every AWS call. Per endpoint (account, region, service) it paces calls (AIMD rate limiter),
 * retries retryable failures with full-jitter exponential backoff (Resilience4j Retry), short-circuits a failing
 * endpoint (Resilience4j CircuitBreaker), caps the requests in flight per endpoint and overall ({@link Bulkhead},
 * one permit held per attempt) and counts everything. Failures leave as classified
 * {@link CollectionException}s with a scrubbed one-line message.
 *
 * <p>The breaker wraps the retried call, not each attempt: it judges what the caller finally got, so a throttle
 * that a retry absorbed is a success, and a throttle that outlived every retry is a failure. Failures that say
 * nothing about the endpoint's health (access denied, validation, credentials, region not enabled) are ignored
 * by the breaker.
 *
 * <p>The call timeout bounds the whole call: no retry starts once it is spent. The SDK's own retries are off, so
 * the SDK's api-call timeout and attempt timeout both apply to single attempts.
 */
final class ResilientCaller {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientCaller.class);

    private final RetrySettings retrySettings;
    private final Duration callTimeout;
    private final ResilienceSettings settings;
    private final FullJitterBackoff backoff;
    private final Map<EndpointKey, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** The statistics of endpoints whose breakers, limiters and permits were let go by {@link #release}. */
    private final Map<EndpointKey, EndpointStats> released = new ConcurrentHashMap<>();
    private final Semaphore overallPermits;
    private final Bulkhead bulkhead;
    private final RejectedCredentials rejectedCredentials = new RejectedCredentials();

    ResilientCaller(RetrySettings retrySettings, Duration callTimeout, ResilienceSettings settings) {
        this.retrySettings = retrySettings;
        this.callTimeout = callTimeout;
        this.settings = settings;
        this.backoff = new FullJitterBackoff(retrySettings.initialBackoff(), retrySettings.maxBackoff(),
                settings.random());
        this.overallPermits = new Semaphore(settings.maxInFlightOverall(), true);
        this.bulkhead = new Bulkhead(overallPermits, settings.maxInFlightPerEndpoint());
    }

    /**
     * Runs one logical call.
     *
     * @param operation the API operation, e.g. {@code DescribeDBInstances}; it names the coverage gap on failure
     * @throws CollectionException classified, when every permitted attempt failed or the breaker is open
     */
    <T> T call(EndpointKey key, String operation, Supplier<T> call) {
        Endpoint endpoint = endpoints.computeIfAbsent(key, this::newEndpoint);
        EndpointStats stats = endpoint.stats;
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        stats.call();
        Optional<RejectedCredentials.Rejection> rejected = rejectedCredentials.forbids(key);
        if (rejected.isPresent()) {
            // Credentials AWS already rejected would only be rejected again: the call is not sent.
            stats.error(GapReason.INVALID_CREDENTIALS);
            throw new CollectionException(operation, GapReason.INVALID_CREDENTIALS,
                    RejectedCredentials.notAttempted(rejected.get()), null);
        }
        Supplier<T> attempt = () -> {
            if (attempts.incrementAndGet() > 1) {
                stats.retry();
            }
            endpoint.limiter.acquire();
            long budgetLeft = callTimeout.toNanos() - (System.nanoTime() - start);
            Bulkhead.Permits inFlight = bulkhead.acquire(endpoint.permits, budgetLeft);
            try {
                // Checked again once the call may start: while it waited for the limiter and the permits,
                // another call to the account may have seen its credentials rejected.
                Optional<RejectedCredentials.Rejection> meanwhile = rejectedCredentials.forbids(key);
                if (meanwhile.isPresent()) {
                    throw new NotAttempted(meanwhile.get());
                }
                stats.attempt();
                T result = call.get();
                endpoint.limiter.onSuccess();
                return result;
            } catch (RuntimeException e) {
                ErrorClassifier.Classification c = ErrorClassifier.classify(e);
                stats.error(c.reason());
                if (c.reason() == GapReason.THROTTLED) {
                    stats.throttle();
                    endpoint.limiter.onThrottle();
                }
                LOG.debug("{} {} attempt {} failed: {} {}", key, operation, attempts.get(), c.reason(), c.detail());
                int cap = c.reason() == GapReason.THROTTLED ? retrySettings.maxThrottledAttempts()
                        : retrySettings.maxAttempts();
                if (c.retryable() && (attempts.get() >= cap || System.nanoTime() - start >= callTimeout.toNanos())) {
                    throw new CallBudgetSpent(e);
                }
                throw e;
            } finally {
                inFlight.release();
            }
        };
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(endpoint.breaker,
                Retry.decorateSupplier(endpoint.retry, attempt));
        try {
            return guarded.get();
        } catch (RuntimeException e) {
            if (e instanceof NotAttempted n) {
                stats.error(GapReason.INVALID_CREDENTIALS);
                throw new CollectionException(operation, GapReason.INVALID_CREDENTIALS,
                        RejectedCredentials.notAttempted(n.rejection), null);
            }
            Throwable failure = e instanceof CallBudgetSpent ? e.getCause() : e;
            ErrorClassifier.Classification c = ErrorClassifier.classify(failure);
            rejectedCredentials.record(key, operation, c);
            GapReason reason = c.reason();
            String detail = c.detail();
            if (failure instanceof BulkheadFullException) {
                stats.error(reason);
                detail = "no request to " + key + " could start within the call timeout of " + callTimeout.toMillis()
                        + " ms: " + settings.maxInFlightPerEndpoint() + " per endpoint and "
                        + settings.maxInFlightOverall() + " overall were already in flight";
            } else if (reason == GapReason.BREAKER_OPEN) {
                stats.error(reason);
                detail = "circuit breaker of " + key + " is open after repeated failures; call not attempted";
            } else if (Thread.currentThread().isInterrupted() && reason != GapReason.DEADLINE_EXCEEDED) {
                reason = GapReason.DEADLINE_EXCEEDED;
                detail = "interrupted (scan deadline or shutdown) after: " + detail;
            }
            int n = attempts.get();
            if (n > 1) {
                detail = detail + " (after " + n + " attempts)";
            }
            if (e instanceof CallBudgetSpent && System.nanoTime() - start >= callTimeout.toNanos()) {
                detail = detail + "; call timeout of " + callTimeout.toMillis() + " ms spent";
            }
            throw new CollectionException(operation, reason, MessageScrubber.scrub(detail), failure);
        } finally {
            stats.elapsed(System.nanoTime() - start);
        }
    }

    /** Per-endpoint statistics so far, for endpoints of inventory services, sorted. */
    List<EndpointTelemetry> telemetry() {
        List<EndpointTelemetry> out = new ArrayList<>();
        for (Endpoint e : endpoints.values()) {
            e.stats.key().awsService().ifPresent(s -> out.add(e.stats.snapshot(s)));
        }
        for (EndpointStats stats : released.values()) {
            stats.key().awsService().ifPresent(s -> out.add(stats.snapshot(s)));
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /**
     * Lets go of the breakers, rate limiters and permits of the account's endpoints once nothing more is
     * collected there, keeping their statistics for {@link #telemetry()}: in a scan of many accounts the
     * resilience layer then holds state for the accounts in progress only. A later call to one of them starts it
     * afresh, with the same statistics.
     */
    void release(String account) {
        endpoints.entrySet().removeIf(e -> {
            if (!e.getKey().account().equals(account)) {
                return false;
            }
            released.put(e.getKey(), e.getValue().stats);
            return true;
        });
    }

    /**
     * One line naming why AWS rejected the credentials during the scan (expired session token, invalid key), with
     * how many calls were then not attempted; empty when AWS never rejected them.
     */
    Optional<String> credentialsProblem() {
        return rejectedCredentials.summary();
    }

    /** The breaker's state of an endpoint, CLOSED for endpoints never called; for tests and diagnostics. */
    CircuitBreaker.State breakerState(EndpointKey key) {
        Endpoint e = endpoints.get(key);
        return e == null ? CircuitBreaker.State.CLOSED : e.breaker.getState();
    }

    /** Bulkhead diagnostics for tests: free permits of an endpoint (its cap when never called). */
    int freeInFlightPermits(EndpointKey key) {
        Endpoint e = endpoints.get(key);
        return e == null ? settings.maxInFlightPerEndpoint() : e.permits.availablePermits();
    }

    /** Callers waiting for a permit of an endpoint (an estimate, as {@link Semaphore#getQueueLength()}). */
    int waitingForInFlightPermit(EndpointKey key) {
        Endpoint e = endpoints.get(key);
        return e == null ? 0 : e.permits.getQueueLength();
    }

    int freeOverallPermits() {
        return overallPermits.availablePermits();
    }

    int waitingForOverallPermit() {
        return overallPermits.getQueueLength();
    }

    double rate(EndpointKey key) {
        Endpoint e = endpoints.get(key);
        return e == null ? settings.initialRate() : e.limiter.rate();
    }

    /** One endpoint's statistics, empty when it was never called or is not an inventory service. */
    Optional<EndpointTelemetry> telemetry(EndpointKey key) {
        Endpoint e = endpoints.get(key);
        EndpointStats stats = e != null ? e.stats : released.get(key);
        if (stats == null) {
            return Optional.empty();
        }
        return key.awsService().map(stats::snapshot);
    }

    private Endpoint newEndpoint(EndpointKey key) {
        EndpointStats kept = released.remove(key);
        EndpointStats stats = kept != null ? kept : new EndpointStats(key);
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(retrySettings.maxThrottledAttempts())
                .intervalBiFunction((attempt, outcome) -> backoff.waitMillis(attempt))
                .retryOnException(t -> !(t instanceof CallBudgetSpent) && ErrorClassifier.classify(t).retryable())
                .build();
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(settings.breakerHalfOpenCalls())
                .recordException(t -> ErrorClassifier.classify(unwrap(t)).endpointFailure())
                .ignoreException(t -> !ErrorClassifier.classify(unwrap(t)).endpointFailure())
                .build();
        CircuitBreaker breaker = CircuitBreaker.of("breaker-" + key, breakerConfig);
        breaker.getEventPublisher().onStateTransition(event -> {
            String transition = event.getStateTransition().name();
            stats.transition(transition);
            LOG.info("circuit breaker of {}: {}", key, transition);
        });
        return new Endpoint(stats, Retry.of("retry-" + key, retryConfig), breaker,
                new AdaptiveRateLimiter(settings.initialRate(), settings.minRate(), settings.maxRate(),
                        settings.rateIncrease()), bulkhead.newEndpointPermits());
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CallBudgetSpent && t.getCause() != null ? t.getCause() : t;
    }

    /** A call not sent because the account's credentials were rejected while it waited to start. */
    private static final class NotAttempted extends RuntimeException {
        private final transient RejectedCredentials.Rejection rejection;

        NotAttempted(RejectedCredentials.Rejection rejection) {
            super(null, null, false, false);
            this.rejection = rejection;
        }
    }

    private record Endpoint(EndpointStats stats, Retry retry, CircuitBreaker breaker, AdaptiveRateLimiter limiter,
                            Semaphore permits) {
    }

    /**
     * Marks a retryable failure that must not be retried: the call's time budget is spent, or its attempts for
     * this kind of failure ({@link RetrySettings#maxAttempts()}, {@link RetrySettings#maxThrottledAttempts()} when
     * throttled) are.
     */
    private static final class CallBudgetSpent extends RuntimeException {
        CallBudgetSpent(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
