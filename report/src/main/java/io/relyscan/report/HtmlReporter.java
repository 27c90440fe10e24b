package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.report.html.HtmlDocument;

/**
 * One self-contained HTML page for people: summary with charts, coverage gaps, a findings table that filters and
 * sorts, a page per rule, waivers and baseline (see docs/reports.md). It works offline and its
 * Content-Security-Policy forbids every network request and every script but its own; every value from the
 * scanned accounts is escaped. The only time written is the report's capturedAt, so the same report always gives
 * the same bytes.
 */
public final class HtmlReporter implements Reporter {
    @Override
    public String format() {
        return "html";
    }

    @Override
    public String defaultFileName() {
        return "relyscan-report.html";
    }

    @Override
    public byte[] render(ScanReport report) {
        return HtmlDocument.render(report);
    }
}
