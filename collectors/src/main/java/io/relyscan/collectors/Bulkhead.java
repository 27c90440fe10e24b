package io.relyscan.collectors;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps the AWS requests in flight at once: one semaphore per endpoint and one shared by all endpoints. A caller
 * holds one permit of each for the duration of one attempt (not during backoff). It takes its endpoint's permit
 * first and the overall one second, so a caller waiting for the overall cap never holds back another endpoint's
 * callers beyond its own. Waiting is bounded and interruptible; a permit taken is always given back.
 */
final class Bulkhead {
    private final Semaphore overall;
    private final int perEndpoint;

    /**
     * @param overall     the cap shared by every endpoint of a session
     * @param perEndpoint the cap of each endpoint
     */
    Bulkhead(Semaphore overall, int perEndpoint) {
        if (perEndpoint < 1) {
            throw new IllegalArgumentException("per-endpoint cap must be at least 1, not " + perEndpoint);
        }
        this.overall = overall;
        this.perEndpoint = perEndpoint;
    }

    /** The semaphore of one more endpoint. */
    Semaphore newEndpointPermits() {
        return new Semaphore(perEndpoint, true);
    }

    /**
     * Takes a permit of the endpoint and one of the overall cap, waiting at most {@code maxWaitNanos} in all.
     *
     * @return the permits to {@link Permits#release() release} when the attempt is over
     * @throws BulkheadFullException   when no permit was free within the wait
     * @throws InterruptedCallException when the thread was interrupted while waiting
     */
    Permits acquire(Semaphore endpoint, long maxWaitNanos) {
        long start = System.nanoTime();
        try {
            if (!endpoint.tryAcquire(Math.max(0, maxWaitNanos), TimeUnit.NANOSECONDS)) {
                throw new BulkheadFullException("endpoint");
            }
            boolean overallTaken = false;
            try {
                long left = maxWaitNanos - (System.nanoTime() - start);
                overallTaken = overall.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (!overallTaken) {
                    throw new BulkheadFullException("overall");
                }
            } finally {
                if (!overallTaken) {
                    endpoint.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedCallException(e);
        }
        return new Permits(endpoint, overall);
    }

    /** The permits of one attempt in flight. */
    static final class Permits {
        private final Semaphore endpoint;
        private final Semaphore overall;
        private boolean released;

        private Permits(Semaphore endpoint, Semaphore overall) {
            this.endpoint = endpoint;
            this.overall = overall;
        }

        /** Gives both permits back; idempotent. */
        void release() {
            if (!released) {
                released = true;
                overall.release();
                endpoint.release();
            }
        }
    }
}
