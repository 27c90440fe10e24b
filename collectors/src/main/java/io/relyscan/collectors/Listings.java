package io.relyscan.collectors;

import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a collector's independent top-level listings. A listing that fails while another succeeded is a gap
 * (PARTIAL); when every listing failed nothing trustworthy was collected and the first failure is thrown
 * (FAILED), the others being recorded as gaps.
 *
 * <p>Listings queued with {@link #add} run concurrently ({@link FanOut}) when {@link #runQueued} is called; each
 * reports to a sink of its own, replayed into the task's sink in queue order, so the inventory reads as if they
 * had run one after another.
 */
final class Listings {
    private final CollectionSink sink;
    private final FanOut fanOut;
    private final List<Consumer<CollectionSink>> queued = new ArrayList<>();
    private final List<CollectionException> failures = new ArrayList<>();
    private int succeeded;

    Listings(CollectionSink sink) {
        this(sink, new FanOut(1));
    }

    Listings(CollectionSink sink, FanOut fanOut) {
        this.sink = sink;
        this.fanOut = fanOut;
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

    /** Queues a listing for {@link #runQueued}; it must report only to the sink it is given. */
    void add(Consumer<CollectionSink> listing) {
        queued.add(listing);
    }

    /** Runs the queued listings concurrently, then replays what each reported, in queue order. */
    void runQueued() {
        List<Buffered> done = fanOut.map(List.copyOf(queued), listing -> {
            Buffered buffered = new Buffered();
            try {
                listing.accept(buffered);
            } catch (CollectionException e) {
                buffered.failure = e;
            }
            return buffered;
        });
        queued.clear();
        for (Buffered b : done) {
            b.events.forEach(e -> e.accept(sink));
            if (b.failure == null) {
                succeeded++;
            } else {
                failures.add(b.failure);
            }
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

    /** What one listing reported, kept in order until it is replayed on the task's thread. */
    private static final class Buffered implements CollectionSink {
        private final List<Consumer<CollectionSink>> events = new ArrayList<>();
        private CollectionException failure;

        @Override
        public void add(Resource resource) {
            events.add(s -> s.add(resource));
        }

        @Override
        public void gap(String operation, GapReason reason, String message) {
            events.add(s -> s.gap(operation, reason, message));
        }
    }
}
