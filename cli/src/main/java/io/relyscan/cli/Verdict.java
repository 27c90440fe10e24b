package io.relyscan.cli;

import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Severity;

import java.util.Optional;

/** Turns a report into the exit code, in the documented precedence (incomplete before failures). */
final class Verdict {
    private Verdict() {
    }

    /**
     * The exit code. The gate counts FAIL findings at or above {@code failOn} (waived ones are SUPPRESSED, never
     * counted); with a baseline ({@code --baseline}) only the NEW ones, so that a known failure does not fail
     * every build until it is fixed.
     */
    static ExitCode of(ScanReport report, Optional<Severity> failOn) {
        if (!report.complete()) {
            return ExitCode.INCOMPLETE;
        }
        if (failOn.isPresent() && gated(report, failOn.get()) > 0) {
            return ExitCode.FAILURES;
        }
        return ExitCode.CLEAN;
    }

    /** The failures the gate counts: all FAIL at or above the threshold, or only the NEW ones with a baseline. */
    static long gated(ScanReport report, Severity threshold) {
        return report.baselineComparison()
                .map(b -> b.newFailuresAtLeast(report.findings(), threshold))
                .orElseGet(() -> report.summary().failuresAtLeast(threshold));
    }

    /** FAIL findings at or above the threshold that the gate leaves out because the baseline had them. */
    private static long notCounted(ScanReport report, Severity threshold) {
        return report.summary().failuresAtLeast(threshold) - gated(report, threshold);
    }

    /** With a baseline: {@code Baseline FILE (captured T): failures 2 new, 5 persisting, 1 resolved, …}. */
    static Optional<String> baselineSummary(ScanReport report) {
        return report.baselineComparison().map(b -> "Baseline " + b.source() + " (captured "
                + b.baselineCapturedAt() + "): failures " + b.count(BaselineStatus.NEW) + " new, "
                + b.count(BaselineStatus.PERSISTING) + " persisting, " + b.count(BaselineStatus.RESOLVED)
                + " resolved, " + b.notRechecked().size() + " not rechecked (waived failures included).");
    }

    static String describe(ExitCode code, ScanReport report, Optional<Severity> failOn) {
        return switch (code) {
            case INCOMPLETE -> "Scan INCOMPLETE: " + report.coverage().incomplete().size()
                    + " service scope(s) not fully collected and "
                    + report.summary().count(io.relyscan.core.rule.Outcome.ERROR)
                    + " finding(s) could not be evaluated; results are not whole (exit 3).";
            case FAILURES -> (report.baseline() == null ? "Failing" : "New failing") + " findings at or above "
                    + failOn.orElseThrow().name() + ": " + gated(report, failOn.orElseThrow()) + " (exit 1)"
                    + baselineNote(report, failOn) + ".";
            case CLEAN -> "No " + (report.baseline() == null ? "" : "new ") + "failing findings at or above "
                    + failOn.map(Enum::name).orElse("NONE") + " (exit 0)" + baselineNote(report, failOn) + ".";
            case USAGE -> "Usage error (exit 2).";
        };
    }

    /** {@code ; 5 persisting not counted (baseline: FILE)}, or nothing without a baseline or a gate. */
    private static String baselineNote(ScanReport report, Optional<Severity> failOn) {
        if (report.baseline() == null || failOn.isEmpty()) {
            return "";
        }
        return "; " + notCounted(report, failOn.get()) + " persisting not counted (baseline: "
                + report.baseline().source() + ")";
    }
}
