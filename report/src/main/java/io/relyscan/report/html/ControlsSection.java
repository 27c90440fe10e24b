package io.relyscan.report.html;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.framework.ControlIds;
import io.relyscan.core.framework.ControlStatus;
import io.relyscan.core.framework.ControlView;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.framework.RuleMapping;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Pass rate per control, for every framework the evaluated rules map to: the controls with the rules behind them
 * (proposed mappings marked {@code *}), their PASS and FAIL counts and the share of PASS among them. When the run
 * was restricted to a framework ({@code --framework}), that framework comes first with its whole control catalog,
 * titles and statuses (controls no rule covers are MANUAL).
 */
final class ControlsSection {
    private ControlsSection() {
    }

    private record Row(String id, String title, List<String> rules, Map<Outcome, Long> counts, ControlStatus status) {
    }

    static void write(HtmlOut out, ScanReport report, Tally byRule) {
        FrameworkView view = report.framework();
        List<Framework> frameworks = new ArrayList<>();
        if (view != null) {
            frameworks.add(view.framework());
        }
        for (Framework f : Framework.values()) {
            if (!frameworks.contains(f) && report.rules().stream().anyMatch(r -> !r.controls(f).isEmpty())) {
                frameworks.add(f);
            }
        }
        if (frameworks.isEmpty()) {
            return;
        }
        out.open("div", "class", "card", "id", "controls").element("h2", "Pass rate per control").newline();
        out.element("p", "PASS and FAIL findings of the rules mapped to each control (a * marks a mapping relyscan "
                + "proposes; the others are anchored in the framework's own guidance). Pass rate = PASS / (PASS + "
                + "FAIL); ERROR, waived and N/A findings are counted apart.", "class", "note").newline();
        boolean first = true;
        for (Framework f : frameworks) {
            List<Row> rows = view != null && view.framework() == f ? fromView(view) : fromRules(report, f, byRule);
            long pass = rows.stream().mapToLong(r -> r.counts().get(Outcome.PASS)).sum();
            long fail = rows.stream().mapToLong(r -> r.counts().get(Outcome.FAIL)).sum();
            out.open("details", "open", first ? "" : null, "data-framework", f.id()).open("summary")
                    .text(f.title() + " (" + f.id() + "): " + SummaryPage.plural(rows.size(), "control") + ", "
                            + SvgCharts.percent(pass, pass + fail) + " pass")
                    .close("summary").newline();
            table(out, rows, view != null && view.framework() == f);
            out.close("details").newline();
            first = false;
        }
        out.close("div").newline();
    }

    private static void table(HtmlOut out, List<Row> rows, boolean titled) {
        out.open("div", "class", "table-wrap").open("table", "class", "controls").open("thead").open("tr")
                .element("th", "Control");
        if (titled) {
            out.element("th", "Title");
        }
        out.element("th", "Rules").element("th", "Status").element("th", "PASS", "class", "num")
                .element("th", "FAIL", "class", "num").element("th", "Other", "class", "num")
                .element("th", "Pass rate").close("tr").close("thead").open("tbody").newline();
        for (Row r : rows) {
            long pass = r.counts().get(Outcome.PASS);
            long fail = r.counts().get(Outcome.FAIL);
            long other = r.counts().values().stream().mapToLong(Long::longValue).sum() - pass - fail;
            out.open("tr").element("td", r.id(), "class", "mono");
            if (titled) {
                out.element("td", r.title());
            }
            out.open("td");
            for (int i = 0; i < r.rules().size(); i++) {
                String rule = r.rules().get(i);
                String id = rule.endsWith("*") ? rule.substring(0, rule.length() - 1) : rule;
                out.text(i == 0 ? "" : ", ").element("a", rule, "href", "#rule/" + id);
            }
            out.close("td").open("td").element("span", r.status().name(), "class", "badge st-" + r.status().name())
                    .close("td").element("td", Long.toString(pass), "class", "num")
                    .element("td", Long.toString(fail), "class", "num")
                    .element("td", Long.toString(other), "class", "num")
                    .open("td").raw(SvgCharts.passRate(pass, fail)).text(SvgCharts.percent(pass, pass + fail))
                    .close("td").close("tr").newline();
        }
        out.close("tbody").close("table").close("div").newline();
    }

    private static List<Row> fromView(FrameworkView view) {
        List<Row> rows = new ArrayList<>();
        for (ControlView c : view.controls()) {
            rows.add(new Row(c.id(), c.title(), c.rules().stream().map(RuleMapping::label).toList(), c.findings(),
                    c.status()));
        }
        return rows;
    }

    private static List<Row> fromRules(ScanReport report, Framework framework, Tally byRule) {
        TreeMap<String, List<String>> rulesByControl = new TreeMap<>(ControlIds.NATURAL);
        for (RuleMetadata rule : report.rules()) {
            for (ControlRef ref : rule.controls(framework)) {
                rulesByControl.computeIfAbsent(ref.controlId(), k -> new ArrayList<>())
                        .add(rule.id() + (ref.label().endsWith("*") ? "*" : ""));
            }
        }
        List<Row> rows = new ArrayList<>();
        rulesByControl.forEach((control, rules) -> {
            EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                counts.put(o, rules.stream().map(r -> r.replace("*", ""))
                        .collect(Collectors.summingLong(r -> byRule.count(r, o))));
            }
            rows.add(new Row(control, null, rules.stream().sorted().toList(), counts,
                    ControlView.statusOf(true, counts)));
        });
        return rows;
    }
}
