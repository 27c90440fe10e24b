package io.relyscan.core.rule;

/** Where a control mapping comes from. */
public enum MappingSource {
    /** Taken from an anchor (AWS Config packs, Security Hub, Steampipe, Prowler, Trusted Advisor). */
    ANCHOR,
    /** Proposed by relyscan; no anchor supplies it (marked {@code *} in the rules catalog). */
    PROPOSED
}
