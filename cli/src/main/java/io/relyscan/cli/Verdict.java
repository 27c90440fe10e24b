package io.relyscan.cli;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Severity;

import java.util.Optional;

/** Turns a report into the exit code, in the documented precedence (incomplete before failures). */
final class Verdict {
    private Verdict() {
    }

    static ExitCode of(ScanReport report, Optional<Severity> failOn) {
        if (!report.complete()) {
            return ExitCode.INCOMPLETE;
        }
        if (failOn.isPresent() && report.summary().failuresAtLeast(failOn.get()) > 0) {
            return ExitCode.FAILURES;
        }
        return ExitCode.CLEAN;
    }

    static String describe(ExitCode code, ScanReport report, Optional<Severity> failOn) {
        return switch (code) {
            case INCOMPLETE -> "Scan INCOMPLETE: " + report.coverage().incomplete().size()
                    + " service scope(s) not fully collected and "
                    + report.summary().count(io.relyscan.core.rule.Outcome.ERROR)
                    + " finding(s) could not be evaluated; results are not whole (exit 3).";
            case FAILURES -> "Failing findings at or above " + failOn.map(Enum::name).orElse("NONE") + ": "
                    + report.summary().failuresAtLeast(failOn.orElseThrow()) + " (exit 1).";
            case CLEAN -> "No failing findings at or above " + failOn.map(Enum::name).orElse("NONE")
                    + " (exit 0).";
            case USAGE -> "Usage error (exit 2).";
        };
    }
}
