package io.relyscan.cli;

/**
 * relyscan's exit codes. When several apply, the first in the order USAGE, INCOMPLETE, FAILURES wins: an
 * incomplete scan is reported as such even if it also found failures, because its results are not whole.
 */
public enum ExitCode {
    /** Every finding was evaluated and none fails at or above --fail-on (with --baseline: no NEW one does). */
    CLEAN(0),
    /** At least one failing finding at or above --fail-on; with --baseline, at least one NEW such finding. */
    FAILURES(1),
    /** Usage or input error: bad option, unreadable or invalid file. Nothing was scanned or written. */
    USAGE(2),
    /** The scan is incomplete: something could not be collected or evaluated (ERROR findings). */
    INCOMPLETE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
