package io.relyscan.report.html;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.WaiverStatus;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first page: whether the scan is complete, counts by outcome, what was scanned with which catalog, the
 * collection gaps (before anything else, because every other number is partial when there are some), charts of
 * outcomes by severity, service, account and region, and the pass rate per control.
 */
final class SummaryPage {
    private static final int CHART_BARS = 12;

    private SummaryPage() {
    }

    static void write(HtmlOut out, ScanReport report, Tallies tallies, EmbeddedFindings embedded) {
        out.open("section", "class", "page", "id", "summary", "data-page", "summary").newline();
        banner(out, report, tallies);
        if (embedded.capped()) {
            HtmlDocument.cappedBanner(out, "capped", embedded.summary());
        }
        tiles(out, report, tallies);
        gaps(out, report.coverage().incomplete());
        facts(out, report);
        charts(out, tallies);
        ControlsSection.write(out, report, tallies.byRule);
        out.close("section").newline();
    }

    private static void banner(HtmlOut out, ScanReport report, Tallies tallies) {
        if (report.complete()) {
            out.open("div", "class", "banner complete", "id", "status", "data-status", "COMPLETE")
                    .element("strong", "Scan complete")
                    .element("span", "Everything in scope was collected and evaluated.").close("div").newline();
            return;
        }
        List<String> why = new ArrayList<>();
        long notCollected = report.coverage().incomplete().size();
        long notEvaluated = tallies.count(Outcome.ERROR);
        if (notCollected > 0) {
            why.add(plural(notCollected, "service") + " not fully collected");
        }
        if (notEvaluated > 0) {
            why.add(plural(notEvaluated, "finding") + " could not be evaluated");
        }
        out.open("div", "class", "banner incomplete", "id", "status", "data-status", "INCOMPLETE")
                .element("strong", "Scan INCOMPLETE")
                .element("span", String.join(", ", why) + ": a passing result here does not prove the whole scope "
                        + "passes. See the coverage gaps below.")
                .close("div").newline();
    }

    private static void tiles(HtmlOut out, ScanReport report, Tallies tallies) {
        out.open("div", "class", "tiles", "id", "outcomes");
        tile(out, "TOTAL", "findings", report.findings().size(), "#findings?");
        for (Outcome o : SvgCharts.OUTCOME_ORDER) {
            tile(out, o.name(), o == Outcome.SUPPRESSED ? "waived" : Labels.outcome(o), tallies.count(o),
                    "#findings?o=" + o.name());
        }
        if (report.baseline() != null) {
            tile(out, "NEW", "new failures", report.baseline().count(BaselineStatus.NEW), "#findings?b=NEW");
        }
        out.close("div").newline();
    }

    /** A count that links to the findings table, filtered to what it counts. */
    private static void tile(HtmlOut out, String kind, String label, long n, String link) {
        out.open("a", "class", "tile t-" + kind, "data-outcome", kind, "href", link,
                        "title", "Show these findings in the table")
                .element("div", Long.toString(n), "class", "n").element("div", label, "class", "k").close("a");
    }

    private static void gaps(HtmlOut out, List<CoverageEntry> incomplete) {
        if (incomplete.isEmpty()) {
            return;
        }
        out.open("div", "class", "card gaps", "id", "coverage-gaps")
                .element("h2", "Coverage gaps (" + incomplete.size() + ")")
                .element("p", "These services were not fully collected: rules that read them report ERROR there, "
                        + "and nothing in them can be called passing.", "class", "note")
                .open("div", "class", "table-wrap").open("table").open("thead").open("tr").element("th", "Account")
                .element("th", "Region").element("th", "Service").element("th", "Status").element("th", "Reasons")
                .close("tr").close("thead").open("tbody").newline();
        for (CoverageEntry e : incomplete) {
            out.open("tr").element("td", e.account(), "class", "mono").element("td", e.region())
                    .element("td", e.service().id()).open("td")
                    .element("span", e.status().name(), "class", "badge st-" + e.status().name()).close("td")
                    .open("td");
            if (e.gaps().isEmpty()) {
                out.text(e.describeGaps());
            } else {
                out.open("ul", "class", "gap-list");
                for (CoverageGap gap : e.gaps()) {
                    String detail = gap.message().isBlank() ? gap.reason().description() : gap.message();
                    out.open("li").element("code", gap.operation()).text(": ").element("strong", gap.reason().name())
                            .text(" \u2014 " + detail).close("li");
                }
                out.close("ul");
            }
            out.close("td").close("tr").newline();
        }
        out.close("tbody").close("table").close("div").close("div").newline();
    }

    private static void facts(HtmlOut out, ScanReport report) {
        out.open("div", "class", "card", "id", "scan-facts").element("h2", "Scan").open("dl", "class", "meta");
        fact(out, "Inventory captured", DateTimeFormatter.ISO_INSTANT.format(report.capturedAt()));
        fact(out, "Tool", "relyscan " + report.toolVersion());
        out.element("dt", "Rule catalog").open("dd").text("relyscan " + report.catalog().toolVersion() + ", rules ")
                .element("code", report.catalog().digest(), "title", "SHA-256 of the rules and settings in effect")
                .close("dd");
        fact(out, "Rules evaluated", Integer.toString(report.rules().size()));
        Map<String, List<String>> regions = new TreeMap<>();
        for (ScanScope s : report.scopes()) {
            regions.computeIfAbsent(s.account(), a -> new ArrayList<>()).add(s.region());
        }
        out.element("dt", "Scopes").open("dd").text(plural(regions.size(), "account") + ", "
                + plural(report.scopes().size(), "account/region") + ":");
        out.open("ul", "class", "gap-list", "id", "scopes");
        regions.forEach((account, rs) -> out.open("li").element("span", account, "class", "mono")
                .text(": " + String.join(", ", rs)).close("li"));
        out.close("ul").close("dd");
        if (report.framework() != null) {
            fact(out, "Framework", report.framework().framework().title());
        }
        waiverFact(out, report.waivers());
        baselineFact(out, report.baseline());
        out.close("dl").close("div").newline();
    }

    private static void waiverFact(HtmlOut out, List<WaiverStatus> waivers) {
        out.element("dt", "Waivers").open("dd");
        if (waivers.isEmpty()) {
            out.text("none given (--waivers)");
        } else {
            long suppressed = waivers.stream().mapToLong(WaiverStatus::suppressed).sum();
            long expired = waivers.stream().filter(WaiverStatus::expired).count();
            long unused = waivers.stream().filter(WaiverStatus::unused).count();
            out.text(plural(waivers.size(), "waiver") + ", " + plural(suppressed, "finding") + " waived");
            if (expired > 0) {
                out.text(", ").element("span", expired + " expired", "class", "warn");
            }
            if (unused > 0) {
                out.text(", ").element("span", unused + " unused", "class", "warn");
            }
            out.text(" ").element("a", "(details)", "href", "#waivers");
        }
        out.close("dd");
    }

    private static void baselineFact(HtmlOut out, BaselineComparison baseline) {
        out.element("dt", "Baseline").open("dd");
        if (baseline == null) {
            out.text("none given (--baseline)");
        } else {
            out.element("code", baseline.source()).text(" captured "
                    + DateTimeFormatter.ISO_INSTANT.format(baseline.baselineCapturedAt()) + ": "
                    + baseline.count(BaselineStatus.NEW) + " new, " + baseline.count(BaselineStatus.PERSISTING)
                    + " persisting, " + baseline.count(BaselineStatus.RESOLVED) + " resolved, "
                    + baseline.notRechecked().size() + " not rechecked ")
                    .element("a", "(details)", "href", "#baseline");
        }
        out.close("dd");
    }

    private static void fact(HtmlOut out, String name, String value) {
        out.element("dt", name).element("dd", value);
    }

    private static void charts(HtmlOut out, Tallies tallies) {
        List<SvgCharts.Bar> severities = new ArrayList<>();
        for (Severity s : Severity.values()) {
            severities.add(new SvgCharts.Bar(s.name(), tallies.bySeverity.counts(s.name())));
        }
        out.open("div", "class", "grid2", "id", "charts").newline();
        chart(out, "Outcomes by severity", "chart-severity",
                SvgCharts.outcomeBars("Outcomes by severity", severities));
        chart(out, "Outcomes by service", "chart-service", SvgCharts.outcomeBars("Outcomes by service",
                tallies.byService.worstFirst(CHART_BARS, "services")));
        chart(out, "Outcomes by account", "chart-account", SvgCharts.outcomeBars("Outcomes by account",
                tallies.byAccount.worstFirst(CHART_BARS, "accounts")));
        chart(out, "Outcomes by region", "chart-region", SvgCharts.outcomeBars("Outcomes by region",
                tallies.byRegion.worstFirst(CHART_BARS, "regions")));
        out.close("div").newline();
    }

    private static void chart(HtmlOut out, String title, String id, String svg) {
        out.open("div", "class", "card", "id", id).element("h3", title).raw(svg).close("div").newline();
    }

    static String plural(long n, String one) {
        return n + " " + (n == 1 ? one : one + "s");
    }
}
