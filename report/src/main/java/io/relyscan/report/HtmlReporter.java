package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.report.html.HtmlDocument;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One self-contained HTML page for people: summary with charts, coverage gaps, a findings table that filters and
 * sorts, a page per rule, waivers and baseline (see docs/reports.md). It works offline and its
 * Content-Security-Policy forbids every network request and every script but its own; every value from the
 * scanned accounts is escaped. The only time written is the report's capturedAt, so the same report always gives
 * the same bytes. The page is streamed to the output as it is written (see {@link HtmlDocument}).
 *
 * <p>A browser cannot open a page that embeds millions of findings, so the page embeds at most
 * {@code maxFindings} of them, worst first (failures by severity, errors, waived, then PASS and N/A while room is
 * left), and says prominently when some were left out. Every count on it is of all findings.
 */
public final class HtmlReporter implements Reporter {
    /** Findings embedded by default: a page of this size opens in a few seconds. */
    public static final int DEFAULT_MAX_FINDINGS = 50_000;

    private final int maxFindings;

    /** A reporter that embeds at most {@link #DEFAULT_MAX_FINDINGS} findings. */
    public HtmlReporter() {
        this(DEFAULT_MAX_FINDINGS);
    }

    /** A reporter that embeds at most {@code maxFindings} findings, worst first; 0 embeds them all. */
    public HtmlReporter(int maxFindings) {
        if (maxFindings < 0) {
            throw new IllegalArgumentException("maxFindings must be 0 (all) or more, was " + maxFindings);
        }
        this.maxFindings = maxFindings;
    }
    @Override
    public String format() {
        return "html";
    }

    @Override
    public String defaultFileName() {
        return "relyscan-report.html";
    }

    @Override
    public void write(ScanReport report, OutputStream out) throws IOException {
        HtmlDocument.write(report, out, maxFindings);
    }
}
