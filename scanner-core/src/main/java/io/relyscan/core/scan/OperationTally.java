package io.relyscan.core.scan;

import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.OperationCoverage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operations one collection task called and their outcomes, for the per-operation coverage. The
 * orchestrator binds a tally to the thread that runs a task; whatever makes AWS calls on that thread (the
 * collectors' call path) reports each call with {@link #begin} and {@link Call#end}. Calls made outside a task
 * (identity, region discovery) are not tallied. Thread-safe: the orchestrator reads a tally while its task may
 * still be running, after the deadline; a call begun and not ended by then counts as failed with
 * {@link GapReason#DEADLINE_EXCEEDED}.
 */
public final class OperationTally {
    private static final ThreadLocal<OperationTally> CURRENT = new ThreadLocal<>();

    private static final Call UNTALLIED = failure -> { };

    private final Map<String, long[]> calls = new TreeMap<>();
    private final Map<String, long[]> ended = new TreeMap<>();
    private final Map<String, Map<GapReason, Long>> failures = new TreeMap<>();

    OperationTally() {
    }

    /** One logical call in progress. */
    @FunctionalInterface
    public interface Call {
        /**
         * @param failure why the call failed in the end, or null when it succeeded
         */
        void end(GapReason failure);
    }

    /** Starts tallying one logical call made on the current thread, if a collection task is running on it. */
    public static Call begin(String operation) {
        OperationTally tally = CURRENT.get();
        if (tally == null) {
            return UNTALLIED;
        }
        tally.begun(operation);
        return failure -> tally.ended(operation, failure);
    }

    /** Records one logical call that has ended: {@code begin(operation).end(failure)}. */
    public static void record(String operation, GapReason failure) {
        begin(operation).end(failure);
    }

    /**
     * Wraps work that a collection task hands to another thread (a fan-out of per-resource calls) so that the
     * calls it makes there are tallied to the task: the tally bound to the current thread now, if any, is bound
     * to the running thread while the work runs, and that thread's own binding is restored afterwards.
     */
    public static Runnable propagating(Runnable work) {
        OperationTally tally = CURRENT.get();
        return () -> {
            OperationTally previous = CURRENT.get();
            set(tally);
            try {
                work.run();
            } finally {
                set(previous);
            }
        };
    }

    private static void set(OperationTally tally) {
        if (tally == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(tally);
        }
    }

    /** Binds this tally to the current thread until {@link #unbind()}. */
    void bind() {
        CURRENT.set(this);
    }

    void unbind() {
        CURRENT.remove();
    }

    private synchronized void begun(String operation) {
        calls.computeIfAbsent(operation, o -> new long[1])[0]++;
    }

    private synchronized void ended(String operation, GapReason failure) {
        ended.computeIfAbsent(operation, o -> new long[1])[0]++;
        if (failure != null) {
            failures.computeIfAbsent(operation, o -> new EnumMap<>(GapReason.class)).merge(failure, 1L, Long::sum);
        }
    }

    synchronized List<OperationCoverage> operations() {
        List<OperationCoverage> out = new ArrayList<>();
        calls.forEach((operation, n) -> {
            Map<String, Long> failed = new TreeMap<>();
            failures.getOrDefault(operation, Map.of()).forEach((r, k) -> failed.put(r.name(), k));
            long unfinished = n[0] - ended.getOrDefault(operation, new long[1])[0];
            if (unfinished > 0) {
                failed.merge(GapReason.DEADLINE_EXCEEDED.name(), unfinished, Long::sum);
            }
            out.add(new OperationCoverage(operation, n[0], failed));
        });
        return out;
    }
}
