package io.relyscan.collectors;

import io.relyscan.core.error.InputException;

import java.time.Duration;
import java.util.Objects;

/**
 * How the resilience layer retries a failed AWS call: exponential backoff with full jitter, the wait before
 * retry n being uniform in [0, min(maxBackoff, initialBackoff * 2^(n-1))].
 *
 * @param maxAttempts          attempts per call, the first one included (1 disables retries)
 * @param maxThrottledAttempts attempts per call while AWS answers it with throttling: a call whose latest attempt
 *                             was throttled may go on to this many (at least {@code maxAttempts}); throttling is
 *                             transient by nature and the rate limiter slows the endpoint down meanwhile
 * @param initialBackoff       cap of the wait before the first retry
 * @param maxBackoff           cap of any wait
 */
public record RetrySettings(int maxAttempts, int maxThrottledAttempts, Duration initialBackoff,
                            Duration maxBackoff) {
    static final int MAX_ATTEMPTS_LIMIT = 20;

    public RetrySettings {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new InputException("retry max attempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", not "
                    + maxAttempts);
        }
        if (maxThrottledAttempts < maxAttempts || maxThrottledAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new InputException("retry max attempts while throttled must be between the max attempts ("
                    + maxAttempts + ") and " + MAX_ATTEMPTS_LIMIT + ", not " + maxThrottledAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new InputException("retry initial backoff must not be negative: " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new InputException("retry max backoff (" + maxBackoff + ") must not be below the initial backoff ("
                    + initialBackoff + ")");
        }
    }

    /** The same cap of attempts for every retryable failure, throttling included. */
    public RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, maxAttempts, initialBackoff, maxBackoff);
    }

    /**
     * 4 attempts, 10 while throttled; backoff capped at 200 ms, 400 ms, 800 ms, … 5 s at most. Ten attempts let a
     * call through 30 % random throttling with a chance of failure of 0.3^10 (6e-6), where four would fail one
     * call in 123.
     */
    public static RetrySettings defaults() {
        return new RetrySettings(4, 10, Duration.ofMillis(200), Duration.ofSeconds(5));
    }
}
