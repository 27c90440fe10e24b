package io.relyscan.collectors;

import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failures of per-resource calls (attributes, tags, target health, ...), folded into one gap per operation and
 * reason so that a denied permission on 300 load balancers reads as one line, not 300.
 */
final class ResourceGaps {
    private record Key(String operation, GapReason reason) {
    }

    private static final class Tally {
        int count;
        String firstResource;
        String firstMessage;
    }

    private final Map<Key, Tally> tallies = new LinkedHashMap<>();

    void failed(String resource, CollectionException e) {
        Tally t = tallies.computeIfAbsent(new Key(e.operation(), e.reason()), k -> new Tally());
        if (t.count++ == 0) {
            t.firstResource = resource;
            t.firstMessage = e.getMessage();
        }
    }

    /**
     * Adds the failures another tally recorded, as if they had been recorded here after the ones already here:
     * the per-item gaps of a {@link FanOut}, merged in item order, read exactly as sequential calls would.
     */
    void merge(ResourceGaps other) {
        other.tallies.forEach((k, t) -> {
            Tally mine = tallies.computeIfAbsent(k, x -> new Tally());
            if (mine.count == 0) {
                mine.firstResource = t.firstResource;
                mine.firstMessage = t.firstMessage;
            }
            mine.count += t.count;
        });
    }

    boolean isEmpty() {
        return tallies.isEmpty();
    }

    void flush(CollectionSink sink) {
        tallies.forEach((k, t) -> {
            String message = t.count == 1
                    ? t.firstResource + ": " + t.firstMessage
                    : t.count + " resources, first " + t.firstResource + ": " + t.firstMessage;
            sink.gap(k.operation(), k.reason(), MessageScrubber.scrub(message));
        });
        tallies.clear();
    }
}
