package io.relyscan.core.inventory;

/** How completely one service was collected in one account and region. */
public enum CollectionStatus {
    /** Every call needed succeeded. */
    COMPLETE,
    /** The main listing succeeded but some calls failed: some resources lack some fields. */
    PARTIAL,
    /** Nothing trustworthy was collected. */
    FAILED,
    /** The service was not part of the scan (no enabled rule needed it). */
    NOT_COLLECTED;

    public boolean isComplete() {
        return this == COMPLETE;
    }
}
