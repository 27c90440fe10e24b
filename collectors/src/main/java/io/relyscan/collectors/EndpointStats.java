package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.GapReason;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters of one endpoint, read as an {@link EndpointTelemetry} snapshot. */
final class EndpointStats {
    private final EndpointKey key;
    private final LongAdder calls = new LongAdder();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder throttles = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final Map<GapReason, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<String> transitions = new ArrayList<>();

    EndpointStats(EndpointKey key) {
        this.key = key;
    }

    void call() {
        calls.increment();
    }

    void attempt() {
        attempts.increment();
    }

    void retry() {
        retries.increment();
    }

    void throttle() {
        throttles.increment();
    }

    void error(GapReason reason) {
        errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void elapsed(long n) {
        nanos.add(n);
    }

    synchronized void transition(String name) {
        transitions.add(name);
    }

    EndpointKey key() {
        return key;
    }

    EndpointTelemetry snapshot(AwsService service) {
        Map<String, Long> byKind = new TreeMap<>();
        errors.forEach((reason, n) -> byKind.put(reason.name(), n.sum()));
        List<String> t;
        synchronized (this) {
            t = List.copyOf(transitions);
        }
        return new EndpointTelemetry(key.account(), key.region(), service, calls.sum(), attempts.sum(),
                retries.sum(), throttles.sum(), byKind, t, nanos.sum() / 1_000_000L);
    }
}
