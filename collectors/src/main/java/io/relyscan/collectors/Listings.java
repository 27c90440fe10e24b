package io.relyscan.collectors;

import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a collector's independent top-level listings. A listing that fails while another succeeded is a gap
 * (PARTIAL); when every listing failed nothing trustworthy was collected and the first failure is thrown
 * (FAILED), the others being recorded as gaps.
 */
final class Listings {
    private final CollectionSink sink;
    private final List<CollectionException> failures = new ArrayList<>();
    private int succeeded;

    Listings(CollectionSink sink) {
        this.sink = sink;
    }

    /** Runs one listing; returns whether it completed. */
    boolean run(Runnable listing) {
        try {
            listing.run();
            succeeded++;
            return true;
        } catch (CollectionException e) {
            failures.add(e);
            return false;
        }
    }

    /** Throws when nothing was listed; otherwise records the failed listings as gaps. */
    void settle() {
        if (failures.isEmpty()) {
            return;
        }
        int from = 0;
        if (succeeded == 0) {
            from = 1;
        }
        for (int i = from; i < failures.size(); i++) {
            CollectionException f = failures.get(i);
            sink.gap(f.operation(), f.reason(), f.getMessage());
        }
        if (succeeded == 0) {
            throw failures.get(0);
        }
    }
}
