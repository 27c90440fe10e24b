package io.relyscan.report.html;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.List;

/**
 * The findings page: filter controls (their options listed here, from the report) and an empty table that
 * report.js fills from the embedded data, a page of rows at a time. Column headers are buttons that sort.
 */
final class FindingsPage {
    /** Columns: the data field report.js sorts on, and the header. */
    static final List<String[]> COLUMNS = List.of(new String[]{"s", "Severity"}, new String[]{"o", "Outcome"},
            new String[]{"b", "Baseline"}, new String[]{"r", "Rule"}, new String[]{"n", "Resource"},
            new String[]{"c", "Account"}, new String[]{"g", "Region"}, new String[]{"v", "Service"},
            new String[]{"m", "Message"});

    private FindingsPage() {
    }

    static void write(HtmlOut out, ScanReport report, Tallies tallies, EmbeddedFindings embedded) {
        out.open("section", "class", "page", "id", "findings", "data-page", "findings").newline()
                .element("h2", "Findings (" + report.findings().size() + ")").newline();
        if (embedded.capped()) {
            HtmlDocument.cappedBanner(out, "capped-findings", embedded.summary()
                    + " The filters and the table below cover the embedded findings only.");
        }
        out.open("noscript").element("p", "The findings table is built by the page's script, which is disabled. "
                + "The summary, rule, waiver and baseline pages are complete without it; the JSON and CSV "
                + "reports hold every finding.").close("noscript").newline();
        out.open("div", "id", "findings-view").newline();
        out.open("div", "class", "filters", "role", "search").newline();
        select(out, "f-rule", "Rule", "r", report.rules().stream().map(RuleMetadata::id).toList());
        select(out, "f-severity", "Severity", "s", java.util.Arrays.stream(Severity.values()).map(Enum::name)
                .toList());
        select(out, "f-outcome", "Outcome", "o", SvgCharts.OUTCOME_ORDER.stream().map(Enum::name).toList());
        select(out, "f-service", "Service", "v", tallies.byService.nonEmptyKeys());
        select(out, "f-account", "Account", "c", tallies.byAccount.nonEmptyKeys());
        select(out, "f-region", "Region", "g", tallies.byRegion.nonEmptyKeys());
        if (report.baseline() != null) {
            out.open("label").text("Baseline").open("select", "id", "f-baseline", "data-filter", "b")
                    .element("option", "All", "value", "").element("option", "NEW", "value", "NEW")
                    .element("option", "PERSISTING", "value", "PERSISTING")
                    .element("option", "not failing", "value", "-").close("select").close("label").newline();
        }
        out.open("label", "class", "grow").text("Search").open("input", "id", "f-text", "type", "search",
                "placeholder", "rule, resource, ARN or message", "autocomplete", "off").close("label");
        out.open("button", "type", "button", "id", "f-reset").text("Reset").close("button").newline();
        out.close("div").newline();
        FindingsPage.table(out, "findings-table", COLUMNS);
        out.close("div").close("section").newline();
    }

    /** A table shell with a count line, sortable headers and a "show more" button, as report.js expects. */
    static void table(HtmlOut out, String id, List<String[]> columns) {
        out.element("p", "", "class", "count", "aria-live", "polite");
        out.open("div", "class", "table-wrap").open("table", "id", id).open("thead").open("tr");
        for (String[] c : columns) {
            if (c[0].equals("e")) { // evidence is a list of fields: nothing to sort by
                out.element("th", c[1]);
                continue;
            }
            out.open("th", "data-sort", c[0], "aria-sort", "none").open("button", "type", "button", "class", "sort")
                    .text(c[1]).close("button").close("th");
        }
        out.close("tr").close("thead").open("tbody").close("tbody").close("table").close("div").newline();
        out.open("button", "type", "button", "class", "more", "hidden", "").text("Show more").close("button").newline();
    }

    private static void select(HtmlOut out, String id, String label, String field, List<String> values) {
        out.open("label").text(label).open("select", "id", id, "data-filter", field)
                .element("option", "All", "value", "");
        for (String v : values) {
            out.element("option", v.isEmpty() ? "(none)" : v, "value", v);
        }
        out.close("select").close("label").newline();
    }
}
