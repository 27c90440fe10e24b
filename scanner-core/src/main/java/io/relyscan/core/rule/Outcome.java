package io.relyscan.core.rule;

/** The result of one rule on one resource. */
public enum Outcome {
    PASS, FAIL, NOT_APPLICABLE, ERROR, SUPPRESSED
}
