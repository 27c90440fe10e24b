package io.relyscan.core.baseline;

import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;

import java.util.Objects;
import java.util.Optional;

/**
 * A baseline failure that no longer fails.
 *
 * @param previous the failing finding as the baseline recorded it
 * @param now      its outcome in this scan (PASS or NOT_APPLICABLE), or null when the resource is gone
 */
public record ResolvedFinding(Finding previous, Outcome now) {
    public ResolvedFinding {
        Objects.requireNonNull(previous, "previous");
    }

    public Optional<Outcome> currentOutcome() {
        return Optional.ofNullable(now);
    }
}
