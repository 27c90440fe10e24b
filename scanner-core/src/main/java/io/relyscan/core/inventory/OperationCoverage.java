package io.relyscan.core.inventory;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of one API operation a collector called for a coverage entry: how many calls it made (pages and
 * per-resource calls each count) and how many of them failed, by gap reason. An operation with no failures was
 * fully seen.
 *
 * @param operation the API operation, e.g. {@code DescribeDBInstances}
 * @param calls     logical calls made (a call's retries are not counted again)
 * @param failures  calls that failed in the end, by {@link GapReason} name; empty when every call succeeded
 */
public record OperationCoverage(String operation, long calls, Map<String, Long> failures)
        implements Comparable<OperationCoverage> {
    public static final String OK = "OK";

    public OperationCoverage {
        Objects.requireNonNull(operation, "operation");
        if (operation.isBlank()) {
            throw new IllegalArgumentException("operation must not be blank");
        }
        Map<String, Long> sorted = new TreeMap<>();
        long failed = 0;
        for (Map.Entry<String, Long> e : (failures == null ? Map.<String, Long>of() : failures).entrySet()) {
            requireReason(e.getKey());
            Long n = e.getValue();
            if (n == null || n < 1) {
                throw new IllegalArgumentException("failures of " + e.getKey() + " must be at least 1, not " + n);
            }
            sorted.put(e.getKey(), n);
            failed += n;
        }
        if (calls < failed) {
            throw new IllegalArgumentException("calls (" + calls + ") must not be below the failures (" + failed
                    + ")");
        }
        failures = Collections.unmodifiableMap(sorted);
    }

    private static void requireReason(String name) {
        for (GapReason r : GapReason.values()) {
            if (r.name().equals(name)) {
                return;
            }
        }
        throw new IllegalArgumentException("unknown failure reason '" + name + "'");
    }

    /** Calls that failed in the end. */
    public long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@value #OK} when every call succeeded, else the failure reasons, e.g. {@code ACCESS_DENIED}. */
    public String outcome() {
        return failures.isEmpty() ? OK : String.join(",", failures.keySet());
    }

    @Override
    public int compareTo(OperationCoverage o) {
        return operation.compareTo(o.operation);
    }
}
