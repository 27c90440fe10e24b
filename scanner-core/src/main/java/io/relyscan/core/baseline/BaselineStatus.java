package io.relyscan.core.baseline;

/** Where a failing finding stands against the baseline report. */
public enum BaselineStatus {
    /** Failing now, not failing (or not there) in the baseline. */
    NEW,
    /** Failing in the baseline and still failing (waived or not). */
    PERSISTING,
    /** Failing in the baseline; now passes, is not applicable, or its resource is gone from a scope scanned whole. */
    RESOLVED
}
