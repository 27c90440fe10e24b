package io.relyscan.core.scan;

import java.time.Duration;
import java.util.Objects;

/**
 * @param concurrency collection tasks (scope x service) run at once
 * @param deadline    the whole collection stops after this long; unfinished work is recorded as gaps
 */
public record ScanOptions(int concurrency, Duration deadline) {
    public ScanOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
    }

    public static ScanOptions defaults() {
        return new ScanOptions(8, Duration.ofMinutes(30));
    }
}
