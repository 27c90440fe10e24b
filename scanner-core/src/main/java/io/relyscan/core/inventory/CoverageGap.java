package io.relyscan.core.inventory;

import java.util.Objects;

/** One operation that failed during collection, and why. The message never holds credentials. */
public record CoverageGap(String operation, GapReason reason, String message) implements Comparable<CoverageGap> {
    public CoverageGap {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    @Override
    public int compareTo(CoverageGap o) {
        int c = operation.compareTo(o.operation);
        if (c != 0) {
            return c;
        }
        c = reason.compareTo(o.reason);
        return c != 0 ? c : message.compareTo(o.message);
    }
}
