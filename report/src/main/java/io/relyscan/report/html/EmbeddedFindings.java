package io.relyscan.report.html;

import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Which findings the page embeds as data. A browser cannot open a page that holds millions of findings (at 2.1M
 * the data alone is over a gigabyte, past what a JavaScript string can hold), so at most {@code max} are
 * embedded, worst first: FAIL by severity (CRITICAL first), then ERROR, then SUPPRESSED, then PASS and
 * NOT_APPLICABLE while room is left; within each of those classes in the report's order, and the embedded ones
 * are written in the report's order too. Every count on the page is taken from all findings ({@link Tallies}),
 * never from the embedded ones, and the page says what was left out ({@link #summary}).
 */
final class EmbeddedFindings {
    /** FAIL per severity, then ERROR, SUPPRESSED, and PASS with NOT_APPLICABLE. */
    private static final int CLASSES = Severity.values().length + 3;
    private static final int ERROR = Severity.values().length;
    private static final int SUPPRESSED = ERROR + 1;
    private static final int REST = ERROR + 2;

    private final int total;
    private final BitSet kept; // null when every finding is kept
    private final long[] keptPerClass = new long[CLASSES];
    private final long[] allPerClass = new long[CLASSES];
    /** Per rule, by outcome, the findings that are not embedded. */
    private final Tally leftOutByRule = new Tally();

    private EmbeddedFindings(List<Finding> findings, int max) {
        total = findings.size();
        for (Finding f : findings) {
            allPerClass[classOf(f)]++;
        }
        if (max <= 0 || findings.size() <= max) {
            kept = null;
            System.arraycopy(allPerClass, 0, keptPerClass, 0, CLASSES);
            return;
        }
        long room = max;
        for (int c = 0; c < CLASSES; c++) {
            keptPerClass[c] = Math.min(room, allPerClass[c]);
            room -= keptPerClass[c];
        }
        kept = new BitSet(findings.size());
        long[] taken = new long[CLASSES];
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            int c = classOf(f);
            if (taken[c] < keptPerClass[c]) {
                taken[c]++;
                kept.set(i);
            } else {
                leftOutByRule.add(f.ruleId(), f.outcome());
            }
        }
    }

    /** The selection of at most {@code max} of {@code findings} ({@code max} 0 or less: all of them). */
    static EmbeddedFindings of(List<Finding> findings, int max) {
        return new EmbeddedFindings(findings, max);
    }

    private static int classOf(Finding f) {
        return switch (f.outcome()) {
            case FAIL -> f.severity().ordinal();
            case ERROR -> ERROR;
            case SUPPRESSED -> SUPPRESSED;
            case PASS, NOT_APPLICABLE -> REST;
        };
    }

    /** Whether any finding was left out. */
    boolean capped() {
        return kept != null;
    }

    /** Whether the finding at {@code index} in the report's list is embedded. */
    boolean embeds(int index) {
        return kept == null || kept.get(index);
    }

    long embedded() {
        long n = 0;
        for (long k : keptPerClass) {
            n += k;
        }
        return n;
    }

    int total() {
        return total;
    }

    /** Whether some findings of {@code ruleId} are not embedded. */
    boolean capped(String ruleId) {
        for (long n : leftOutByRule.counts(ruleId)) {
            if (n > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The banner's sentence, e.g. "Showing 50,000 of 2,122,897 findings: all 157,636 failures and errors, no
     * PASS/N/A rows; every finding is in ...".
     */
    String summary() {
        List<String> parts = new ArrayList<>();
        long failures = 0;
        long failuresKept = 0;
        for (int c = 0; c < ERROR; c++) {
            failures += allPerClass[c];
            failuresKept += keptPerClass[c];
        }
        boolean allFailures = failuresKept == failures;
        boolean allErrors = keptPerClass[ERROR] == allPerClass[ERROR];
        if (allFailures && allErrors) {
            parts.add("all " + number(failures + allPerClass[ERROR]) + " failures and errors");
        } else {
            parts.add(part(failuresKept, failures, "failures") + (allFailures ? "" : mostSevere()));
            parts.add(part(keptPerClass[ERROR], allPerClass[ERROR], "errors"));
        }
        if (allPerClass[SUPPRESSED] > 0) {
            parts.add(part(keptPerClass[SUPPRESSED], allPerClass[SUPPRESSED], "waived findings"));
        }
        parts.add(keptPerClass[REST] == 0 ? "no PASS/N/A rows"
                : number(keptPerClass[REST]) + " of " + number(allPerClass[REST]) + " PASS/N/A rows");
        return "Showing " + number(embedded()) + " of " + number(total) + " findings: " + String.join(", ", parts)
                + "; every finding is in the JSON and CSV reports (relyscan-report.json, relyscan-findings.csv). "
                + "--html-max-findings sets how many the page embeds (0: all).";
    }

    /** " (CRITICAL and HIGH first)": the severities kept whole, when the cut fell among the failures. */
    private String mostSevere() {
        List<String> whole = new ArrayList<>();
        for (Severity s : Severity.values()) {
            int c = s.ordinal();
            if (allPerClass[c] > 0 && keptPerClass[c] == allPerClass[c]) {
                whole.add(s.name());
            }
        }
        return whole.isEmpty() ? ", most severe first" : ", all " + String.join(", ", whole) + " ones";
    }

    /** "all 12 failures", "the 1 failure", "no failures" or "3 of 12 failures". */
    private static String part(long kept, long all, String what) {
        if (kept == all) {
            return all == 1 ? "the 1 " + what.substring(0, what.length() - 1) : "all " + number(all) + " " + what;
        }
        return kept == 0 ? "no " + what : number(kept) + " of " + number(all) + " " + what;
    }

    /** {@code 2122897} as "2,122,897". */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The rule page's note: how many of the rule's findings, by outcome, are not shown. */
    String ruleSummary(String ruleId) {
        long[] left = leftOutByRule.counts(ruleId);
        List<String> parts = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < left.length; i++) {
            if (left[i] > 0) {
                parts.add(number(left[i]) + " " + Labels.outcome(SvgCharts.OUTCOME_ORDER.get(i)));
                sum += left[i];
            }
        }
        return "The table below lists the findings of this rule that the page embeds; " + number(sum)
                + " are not shown (" + String.join(", ", parts) + ") because this page embeds at most "
                + number(embedded()) + " findings, worst first. Every finding is in the JSON and CSV reports.";
    }
}
