package io.relyscan.collectors;

/**
 * Client-side pacing of one endpoint with additive increase, multiplicative decrease: every throttle halves the
 * permitted rate, every success raises it by a small step, between a floor and a ceiling. Callers reserve the
 * next free slot under the lock and sleep outside it, so one slow caller never blocks the others' bookkeeping.
 */
final class AdaptiveRateLimiter {
    private final double minRate;
    private final double maxRate;
    private final double increase;
    private double rate;
    private long nextFreeNanos;

    /**
     * @param initialRate calls per second at start
     * @param minRate     floor after repeated throttling
     * @param maxRate     ceiling of recovery
     * @param increase    calls per second added after each success
     */
    AdaptiveRateLimiter(double initialRate, double minRate, double maxRate, double increase) {
        if (!(minRate > 0 && minRate <= initialRate && initialRate <= maxRate && increase >= 0)) {
            throw new IllegalArgumentException("need 0 < min <= initial <= max and increase >= 0");
        }
        this.minRate = minRate;
        this.maxRate = maxRate;
        this.increase = increase;
        this.rate = initialRate;
        this.nextFreeNanos = System.nanoTime();
    }

    /** Waits for the next slot. */
    void acquire() {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + (long) (1_000_000_000L / rate);
            waitNanos = start - now;
        }
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedCallException(e);
            }
        }
    }

    synchronized void onThrottle() {
        rate = Math.max(minRate, rate / 2);
    }

    synchronized void onSuccess() {
        rate = Math.min(maxRate, rate + increase);
    }

    synchronized double rate() {
        return rate;
    }
}
