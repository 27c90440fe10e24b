package io.relyscan.cli;

import io.relyscan.core.engine.OutcomeSummary;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one-line count of a report's findings printed on stderr after evaluation. */
final class FindingsSummary {
    private FindingsSummary() {
    }

    /**
     * E.g. {@code findings: 1,234 (FAIL 27: CRITICAL 3, HIGH 10, MEDIUM 14; ERROR 2; PASS 1,150; NOT_APPLICABLE 55)}:
     * FAIL always, with its severities that occur, then the other outcomes that occur.
     */
    static String line(OutcomeSummary summary) {
        long total = 0;
        for (Outcome o : Outcome.values()) {
            total += summary.count(o);
        }
        List<String> severities = new ArrayList<>();
        for (Severity s : Severity.values()) {
            long n = summary.failuresBySeverity().getOrDefault(s, 0L);
            if (n > 0) {
                severities.add(s + " " + grouped(n));
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add("FAIL " + grouped(summary.count(Outcome.FAIL))
                + (severities.isEmpty() ? "" : ": " + String.join(", ", severities)));
        for (Outcome o : List.of(Outcome.ERROR, Outcome.PASS, Outcome.NOT_APPLICABLE, Outcome.SUPPRESSED)) {
            if (summary.count(o) > 0) {
                parts.add(o + " " + grouped(summary.count(o)));
            }
        }
        return "findings: " + grouped(total) + " (" + String.join("; ", parts) + ")";
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
