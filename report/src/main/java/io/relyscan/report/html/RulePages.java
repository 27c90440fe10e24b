package io.relyscan.report.html;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.MappingSource;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;

import java.util.List;
import java.util.Map;

/**
 * The rules index and one page per rule ({@code #rule/<id>}): what it checks and why, how to fix a failure, the
 * controls it maps to (anchored or proposed), its parameters with the values in effect, its outcome counts, and
 * the resources it passed and failed with their evidence (a table report.js fills from the embedded data when
 * the page is first shown).
 */
final class RulePages {
    static final List<String[]> COLUMNS = List.of(new String[]{"o", "Outcome"}, new String[]{"b", "Baseline"},
            new String[]{"n", "Resource"}, new String[]{"c", "Account"}, new String[]{"g", "Region"},
            new String[]{"m", "Message"}, new String[]{"e", "Evidence"});

    private RulePages() {
    }

    static void writeIndex(HtmlOut out, ScanReport report, Tally byRule) {
        out.open("section", "class", "page", "id", "rules", "data-page", "rules").newline()
                .element("h2", "Rules (" + report.rules().size() + ")")
                .open("div", "class", "table-wrap").open("table", "id", "rules-table").open("thead").open("tr")
                .element("th", "Catalog").element("th", "Rule").element("th", "Severity");
        for (Outcome o : SvgCharts.OUTCOME_ORDER) {
            out.element("th", Labels.outcome(o), "class", "num");
        }
        out.element("th", "Pass rate").close("tr").close("thead").open("tbody").newline();
        for (RuleMetadata rule : report.rules()) {
            long[] counts = byRule.counts(rule.id());
            out.open("tr").element("td", rule.catalogId(), "class", "mono").open("td")
                    .element("a", rule.title(), "href", "#rule/" + rule.id()).element("div", rule.id(), "class", "arn")
                    .close("td").open("td").element("span", rule.severity().name(), "class",
                            "badge sev-" + rule.severity().name()).close("td");
            for (long n : counts) {
                out.element("td", Long.toString(n), "class", "num");
            }
            long pass = byRule.count(rule.id(), Outcome.PASS);
            long fail = byRule.count(rule.id(), Outcome.FAIL);
            out.open("td").raw(SvgCharts.passRate(pass, fail)).text(SvgCharts.percent(pass, pass + fail))
                    .close("td").close("tr").newline();
        }
        out.close("tbody").close("table").close("div").close("section").newline();
    }

    static void writePages(HtmlOut out, ScanReport report, Tallies tallies, EmbeddedFindings embedded) {
        for (RuleMetadata rule : report.rules()) {
            page(out, rule, tallies.byRule, tallies.parametersByRule.getOrDefault(rule.id(), Map.of()), embedded);
        }
    }

    private static void page(HtmlOut out, RuleMetadata rule, Tally byRule, Map<String, String> inEffect,
                             EmbeddedFindings embedded) {
        out.open("section", "class", "page", "id", "rule/" + rule.id(), "data-page", "rule", "data-rule", rule.id())
                .newline();
        out.open("p", "class", "crumbs").element("a", "Rules", "href", "#rules").text(" / " + rule.catalogId())
                .close("p");
        out.open("h2").element("span", rule.severity().name(), "class", "badge sev-" + rule.severity().name())
                .text(" " + rule.title()).close("h2").newline();
        out.open("div", "class", "card").open("dl", "class", "meta");
        out.element("dt", "Rule id").open("dd").element("code", rule.id()).close("dd");
        out.element("dt", "Catalog id").element("dd", rule.catalogId());
        out.element("dt", "Default severity").element("dd", rule.severity().name());
        out.element("dt", "Resource type").element("dd", rule.resourceType());
        out.element("dt", "Reads").element("dd", String.join(", ", rule.inputs().stream().map(AwsService::id)
                .sorted().toList()));
        StringBuilder counts = new StringBuilder();
        long[] c = byRule.counts(rule.id());
        for (int i = 0; i < c.length; i++) {
            counts.append(i == 0 ? "" : ", ").append(c[i]).append(' ').append(Labels.outcome(SvgCharts.OUTCOME_ORDER
                    .get(i)));
        }
        out.element("dt", "Findings").element("dd", counts.toString());
        out.close("dl").close("div").newline();
        out.element("h3", "Why it matters").element("p", rule.rationale());
        out.element("h3", "How to fix").element("p", rule.remediation()).newline();
        controls(out, rule.controls());
        parameters(out, rule.parameters(), inEffect);
        out.element("h3", "Resources").open("p", "class", "note")
                .text("Failures first; the evidence is what decided each outcome. ")
                .element("a", "Show them in the findings table", "href", "#findings?r=" + rule.id()).text(".")
                .close("p");
        if (embedded.capped(rule.id())) {
            HtmlDocument.cappedBanner(out, "capped-rule/" + rule.id(), embedded.ruleSummary(rule.id()));
        }
        out.open("div", "class", "rule-findings", "data-rule", rule.id());
        FindingsPage.table(out, "rule-table-" + rule.id(), COLUMNS);
        out.close("div").close("section").newline();
    }

    private static void controls(HtmlOut out, List<ControlRef> controls) {
        out.element("h3", "Controls");
        out.open("div", "class", "table-wrap").open("table", "class", "rule-controls").open("thead").open("tr")
                .element("th", "Framework").element("th", "Control").element("th", "Mapping").close("tr")
                .close("thead").open("tbody");
        for (ControlRef ref : controls) {
            boolean anchored = ref.source() == MappingSource.ANCHOR;
            out.open("tr").element("td", ref.framework().title()).element("td", ref.controlId(), "class", "mono")
                    .element("td", anchored ? "anchored" : "proposed by relyscan").close("tr");
        }
        out.close("tbody").close("table").close("div").newline();
    }

    private static void parameters(HtmlOut out, List<RuleParameter> parameters, Map<String, String> inEffect) {
        out.element("h3", "Parameters");
        if (parameters.isEmpty()) {
            out.element("p", "This rule has no parameters.", "class", "note");
            return;
        }
        out.open("div", "class", "table-wrap").open("table", "class", "rule-parameters").open("thead").open("tr")
                .element("th", "Name").element("th", "Type").element("th", "Default").element("th", "In effect")
                .element("th", "Description").close("tr").close("thead").open("tbody");
        for (RuleParameter p : parameters) {
            out.open("tr").element("td", p.name(), "class", "mono").element("td", p.type().name())
                    .element("td", p.defaultValue(), "class", "mono")
                    .element("td", inEffect.getOrDefault(p.name(), p.defaultValue()), "class", "mono")
                    .element("td", p.description()).close("tr");
        }
        out.close("tbody").close("table").close("div").newline();
    }
}
