package io.relyscan.collectors;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The numbers of the resilience layer beyond what users configure in {@link RetrySettings}.
 *
 * @param breakerWindow          calls in the count-based sliding window
 * @param breakerMinimumCalls    calls before the failure rate is judged
 * @param breakerFailureRate     failure percentage that opens the breaker
 * @param breakerOpenFor         how long an open breaker short-circuits before letting probes through
 * @param breakerHalfOpenCalls   probe calls allowed while half open
 * @param initialRate            calls per second per endpoint at start
 * @param minRate                floor of the rate after throttling
 * @param maxRate                ceiling of the rate
 * @param rateIncrease           calls per second regained per success
 * @param maxInFlightPerEndpoint requests in flight at once to one endpoint (bulkhead)
 * @param maxInFlightOverall     requests in flight at once to all endpoints together (bulkhead)
 * @param random                 source of jitter, uniform in [0, 1)
 */
record ResilienceSettings(int breakerWindow, int breakerMinimumCalls, float breakerFailureRate,
                          Duration breakerOpenFor, int breakerHalfOpenCalls, double initialRate, double minRate,
                          double maxRate, double rateIncrease, int maxInFlightPerEndpoint, int maxInFlightOverall,
                          DoubleSupplier random) {
    ResilienceSettings {
        Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
        Objects.requireNonNull(random, "random");
        if (maxInFlightPerEndpoint < 1 || maxInFlightOverall < maxInFlightPerEndpoint) {
            throw new IllegalArgumentException("need 1 <= maxInFlightPerEndpoint <= maxInFlightOverall");
        }
    }

    /**
     * Six calls judged after three, open at 50 % failures for 30 s; 20 calls/s per endpoint at start, halved on
     * every throttle down to 1/s, regaining 0.5/s per success up to 50/s (below the documented per-account
     * limits of the Describe APIs, which are shared with the account's other tools). At most 4 requests in flight
     * per endpoint and 16 overall: twice the default {@code --concurrency} of 8 collection tasks, so the overall
     * cap binds only when the concurrency is raised, and then keeps a 2-core machine's TLS handshakes and the
     * connection pool (64) from being swamped.
     */
    static ResilienceSettings defaults() {
        return new ResilienceSettings(6, 3, 50f, Duration.ofSeconds(30), 2, 20, 1, 50, 0.5, 4, 16,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    ResilienceSettings withRandom(DoubleSupplier newRandom) {
        return new ResilienceSettings(breakerWindow, breakerMinimumCalls, breakerFailureRate, breakerOpenFor,
                breakerHalfOpenCalls, initialRate, minRate, maxRate, rateIncrease,
                maxInFlightPerEndpoint, maxInFlightOverall, newRandom);
    }

    ResilienceSettings withBreakerOpenFor(Duration openFor) {
        return new ResilienceSettings(breakerWindow, breakerMinimumCalls, breakerFailureRate, openFor,
                breakerHalfOpenCalls, initialRate, minRate, maxRate, rateIncrease,
                maxInFlightPerEndpoint, maxInFlightOverall, random);
    }

    ResilienceSettings withRates(double initial, double min, double max, double increase) {
        return new ResilienceSettings(breakerWindow, breakerMinimumCalls, breakerFailureRate, breakerOpenFor,
                breakerHalfOpenCalls, initial, min, max, increase,
                maxInFlightPerEndpoint, maxInFlightOverall, random);
    }

    ResilienceSettings withMaxInFlight(int perEndpoint, int overall) {
        return new ResilienceSettings(breakerWindow, breakerMinimumCalls, breakerFailureRate, breakerOpenFor,
                breakerHalfOpenCalls, initialRate, minRate, maxRate, rateIncrease, perEndpoint, overall, random);
    }
}
