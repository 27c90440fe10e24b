package io.relyscan.report.html;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Waived findings with the waiver that covers them (id, reason, owner, expiry), and every waiver of the waivers
 * file with what it did: active, expired (its findings fail again) or unused (matches nothing).
 */
final class WaiversPage {
    /** Rows listed here at most; the findings table (outcome SUPPRESSED) has them all. */
    static final int MAX_ROWS = 1000;

    private WaiversPage() {
    }

    static void write(HtmlOut out, ScanReport report, Tallies tallies) {
        out.open("section", "class", "page", "id", "waivers", "data-page", "waivers").newline()
                .element("h2", "Waivers").newline();
        if (report.waivers().isEmpty()) {
            out.element("p", "No waivers file was given (--waivers): no finding is waived.", "class", "note")
                    .close("section").newline();
            return;
        }
        waived(out, report, tallies.count(Outcome.SUPPRESSED));
        waivers(out, report.waivers());
        out.close("section").newline();
    }

    private static void waived(HtmlOut out, ScanReport report, long count) {
        out.element("h3", "Waived findings (" + count + ")");
        if (count == 0) {
            out.element("p", "No finding is waived.", "class", "note");
            return;
        }
        out.open("div", "class", "table-wrap").open("table", "id", "waived-table").open("thead").open("tr")
                .element("th", "Rule").element("th", "Resource").element("th", "Account").element("th", "Region")
                .element("th", "Waiver").element("th", "Reason").element("th", "Owner").element("th", "Expires")
                .close("tr").close("thead").open("tbody").newline();
        List<Finding> listed = report.findings().stream().filter(f -> f.outcome() == Outcome.SUPPRESSED)
                .limit(MAX_ROWS).toList();
        for (Finding f : listed) {
            Waiver w = report.waiverOf(f).map(WaiverStatus::waiver).orElse(null);
            out.open("tr").open("td").element("a", f.ruleId(), "href", "#rule/" + f.ruleId()).close("td");
            resource(out, f);
            out.element("td", f.account(), "class", "mono").element("td", f.region(), "class", "nowrap");
            if (w == null) {
                out.element("td", "(unknown)").element("td", "").element("td", "").element("td", "");
            } else {
                out.element("td", w.displayName()).element("td", w.reason()).element("td", w.owner())
                        .element("td", w.expires() == null ? "never" : w.expires().toString(), "class", "nowrap");
            }
            out.close("tr").newline();
        }
        out.close("tbody").close("table").close("div");
        more(out, count, "waived findings", "filter the findings by outcome SUPPRESSED");
    }

    private static void waivers(HtmlOut out, List<WaiverStatus> waivers) {
        out.element("h3", "Waivers file (" + waivers.size() + ")").newline();
        out.open("div", "class", "table-wrap").open("table", "id", "waivers-table").open("thead").open("tr")
                .element("th", "Waiver").element("th", "Status").element("th", "Rule").element("th", "Applies to")
                .element("th", "Reason").element("th", "Owner").element("th", "Expires").element("th", "Declared at")
                .close("tr").close("thead").open("tbody").newline();
        for (WaiverStatus s : waivers) {
            Waiver w = s.waiver();
            String status = s.expired() ? "EXPIRED" : s.unused() ? "UNUSED" : "ACTIVE";
            String effect = s.expired() ? s.matchedWhileExpired() + " failing again"
                    : s.unused() ? "matches no failing finding" : s.suppressed() + " waived";
            out.open("tr", "data-status", status).element("td", w.displayName()).open("td")
                    .element("span", status, "class", "badge st-" + status).element("div", effect, "class", "note")
                    .close("td").open("td").element("a", w.ruleId(), "href", "#rule/" + w.ruleId()).close("td")
                    .element("td", scope(w)).element("td", w.reason()).element("td", w.owner())
                    .element("td", w.expires() == null ? "never" : w.expires().toString(), "class", "nowrap")
                    .element("td", w.source(), "class", "mono nowrap").close("tr").newline();
        }
        out.close("tbody").close("table").close("div").newline();
    }

    private static String scope(Waiver w) {
        List<String> parts = new ArrayList<>();
        parts.add(w.resourcePattern() == null ? "any resource" : w.resourcePattern().text());
        if (w.account() != null) {
            parts.add("account " + w.account());
        }
        if (w.region() != null) {
            parts.add("region " + w.region());
        }
        return String.join(", ", parts);
    }

    static void resource(HtmlOut out, Finding f) {
        out.open("td", "class", "resource");
        boolean named = f.resourceName() != null && !f.resourceName().isBlank()
                && !f.resourceName().equals(f.resourceArn());
        out.element("div", named ? f.resourceName() : f.resourceArn(), "class", "name");
        if (named) {
            out.element("div", f.resourceArn(), "class", "arn");
        }
        out.close("td");
    }

    static void more(HtmlOut out, long total, String what, String hint) {
        if (total > MAX_ROWS) {
            out.element("p", (total - MAX_ROWS) + " more " + what + " are not listed here: " + hint + ".",
                    "class", "note");
        }
    }
}
