package io.relyscan.collectors;

import io.relyscan.core.scan.OperationTally;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one collection task's independent per-resource calls (attributes per load balancer, target health per
 * target group, details per backup plan, ...) a few at a time instead of one after another, and returns their
 * results in the order of the items, so what the task adds to the inventory and the gaps it records come out
 * exactly as if the items had been worked one by one.
 *
 * <p>At most {@code width} items are in progress at once: the calling thread works items itself, helped by at most
 * {@code width - 1} short-lived daemon threads of its own that take the next unworked item until none is left. The
 * caller never only waits while items are unworked, so a fan-out cannot starve or deadlock, even when nested or
 * when every thread of the scan is busy; the caller holds no bulkhead permit while it waits (permits are held by
 * single attempts only), so the resilience layer's per-endpoint and overall caps apply to the helpers' calls as
 * to any other.
 *
 * <p>The helpers' calls are tallied to the caller's task ({@link OperationTally#propagating}). When the calling
 * thread is interrupted (scan deadline, shutdown), the helpers are interrupted too: their calls then fail at once
 * as DEADLINE_EXCEEDED, as the caller's own do. A work function is expected to catch the failures it tolerates
 * (a per-resource {@link io.relyscan.core.scan.CollectionException} becomes a gap); anything else it throws stops
 * the fan-out from starting further items and is rethrown to the caller (the one of the earliest item).
 */
final class FanOut {
    /** The per-endpoint cap of the resilience layer: one task's calls all go to one endpoint. */
    static final int DEFAULT_WIDTH = ResilienceSettings.defaults().maxInFlightPerEndpoint();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final int width;

    FanOut(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("fan-out width must be at least 1, not " + width);
        }
        this.width = width;
    }

    int width() {
        return width;
    }

    /**
     * Applies {@code work} to every item, at most {@link #width()} at once.
     *
     * @return the results, in the order of {@code items}
     */
    <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> work) {
        int n = items.size();
        if (Math.min(width, n) <= 1) {
            List<R> out = new ArrayList<>(n);
            for (T item : items) {
                out.add(work.apply(item));
            }
            return out;
        }
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(n);
        Thread owner = Thread.currentThread();
        Runnable lane = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    if (Thread.currentThread() != owner && owner.isInterrupted()) {
                        Thread.currentThread().interrupt();
                    }
                    if (!failed.get()) {
                        results[i] = work.apply(items.get(i));
                    }
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    failed.set(true);
                } finally {
                    done.countDown();
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        Runnable tallied = OperationTally.propagating(lane);
        for (int h = 1; h < Math.min(width, n); h++) {
            Thread t = new Thread(tallied, "relyscan-fanout-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            helpers.add(t);
            t.start();
        }
        lane.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                helpers.forEach(Thread::interrupt);
            }
        }
        if (interrupted || owner.isInterrupted()) {
            Thread.currentThread().interrupt();
        }
        for (Throwable f : failures) {
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Arrays.asList(results);
        return new ArrayList<>(out);
    }
}
