package io.relyscan.collectors;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the wait before retry n (n = 1 for the first retry) is uniform in
 * [0, min(max, initial * 2^(n-1))]. Full jitter spreads the retries of many parallel callers that were throttled
 * together, instead of having them come back in lockstep.
 */
final class FullJitterBackoff {
    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    /**
     * @param random uniform values in [0, 1); injected so tests are deterministic
     */
    FullJitterBackoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The upper bound of the wait before retry n. */
    long capMillis(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1: " + retry);
        }
        int exponent = Math.min(retry - 1, 40);
        double cap = initialMillis * Math.pow(2, exponent);
        return (long) Math.min(maxMillis, cap);
    }

    /** A random wait in [0, capMillis(retry)]. */
    long waitMillis(int retry) {
        long cap = capMillis(retry);
        double r = random.getAsDouble();
        if (r < 0 || r >= 1) {
            r = 0;
        }
        return Math.min(cap, (long) Math.floor(r * (cap + 1)));
    }
}
