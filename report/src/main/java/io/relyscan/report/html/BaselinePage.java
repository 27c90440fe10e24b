package io.relyscan.report.html;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.baseline.ResolvedFinding;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * This scan against the baseline report ({@code --baseline}): counts of new, persisting and resolved failures,
 * the resolved ones (and whether the resource passes now or is gone), and the baseline failures this scan could
 * not check again (never counted as resolved).
 */
final class BaselinePage {
    private BaselinePage() {
    }

    static void write(HtmlOut out, ScanReport report) {
        out.open("section", "class", "page", "id", "baseline", "data-page", "baseline").newline()
                .element("h2", "Baseline").newline();
        BaselineComparison b = report.baseline();
        if (b == null) {
            out.element("p", "No baseline was given (--baseline): findings are not marked new or persisting.",
                    "class", "note").close("section").newline();
            return;
        }
        boolean sameCatalog = b.baselineCatalog() != null && b.baselineCatalog().equals(report.catalog().digest());
        out.open("div", "class", "card").open("dl", "class", "meta")
                .element("dt", "Baseline report").open("dd").element("code", b.source()).close("dd")
                .element("dt", "Baseline captured").element("dd",
                        DateTimeFormatter.ISO_INSTANT.format(b.baselineCapturedAt()))
                .element("dt", "Rule catalog").element("dd", sameCatalog ? "same rules and settings as this scan"
                        : "different rules or settings (digest " + b.baselineCatalog() + "): some differences may "
                        + "come from the rules, not the resources")
                .close("dl").close("div").newline();
        out.open("div", "class", "tiles", "id", "baseline-counts");
        tile(out, "NEW", "new failures", b.count(BaselineStatus.NEW));
        tile(out, "PERSISTING", "persisting", b.count(BaselineStatus.PERSISTING));
        tile(out, "PASS", "resolved", b.count(BaselineStatus.RESOLVED));
        tile(out, "ERROR", "not rechecked", b.notRechecked().size());
        out.close("div").newline();
        out.element("p", "New and persisting failures are marked in the findings table; filter it by baseline "
                + "status.", "class", "note");
        resolved(out, b.resolved());
        notRechecked(out, b.notRechecked());
        out.close("section").newline();
    }

    private static void tile(HtmlOut out, String kind, String label, long n) {
        out.open("div", "class", "tile t-" + kind).element("div", Long.toString(n), "class", "n")
                .element("div", label, "class", "k").close("div");
    }

    private static void resolved(HtmlOut out, List<ResolvedFinding> resolved) {
        out.element("h3", "Resolved (" + resolved.size() + ")");
        if (resolved.isEmpty()) {
            out.element("p", "No baseline failure is resolved.", "class", "note");
            return;
        }
        header(out, "resolved-table", "Now");
        for (ResolvedFinding r : resolved.subList(0, Math.min(WaiversPage.MAX_ROWS, resolved.size()))) {
            row(out, r.previous(), r.currentOutcome().map(o -> Labels.outcome(o)).orElse("resource gone"));
        }
        out.close("tbody").close("table").close("div").newline();
        WaiversPage.more(out, resolved.size(), "resolved failures", "see the JSON report");
    }

    private static void notRechecked(HtmlOut out, List<Finding> notRechecked) {
        out.element("h3", "Not rechecked (" + notRechecked.size() + ")");
        out.element("p", "Baseline failures this scan could not decide again (scope not scanned, inputs not "
                + "collected, or ERROR now). They are not counted as resolved.", "class", "note");
        if (notRechecked.isEmpty()) {
            return;
        }
        header(out, "not-rechecked-table", "Baseline message");
        for (Finding f : notRechecked.subList(0, Math.min(WaiversPage.MAX_ROWS, notRechecked.size()))) {
            row(out, f, f.message());
        }
        out.close("tbody").close("table").close("div").newline();
        WaiversPage.more(out, notRechecked.size(), "baseline failures not rechecked", "see the JSON report");
    }

    private static void header(HtmlOut out, String id, String last) {
        out.open("div", "class", "table-wrap").open("table", "id", id).open("thead").open("tr").element("th", "Rule")
                .element("th", "Resource").element("th", "Account").element("th", "Region").element("th", last)
                .close("tr").close("thead").open("tbody").newline();
    }

    private static void row(HtmlOut out, Finding f, String last) {
        out.open("tr").element("td", f.ruleId());
        WaiversPage.resource(out, f);
        out.element("td", f.account(), "class", "mono").element("td", f.region()).element("td", last).close("tr")
                .newline();
    }
}
