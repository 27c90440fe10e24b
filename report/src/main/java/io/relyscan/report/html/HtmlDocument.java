package io.relyscan.report.html;

import io.relyscan.core.engine.ScanReport;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * The whole HTML report: one file with its style sheet, its one script and its data inline, and a
 * Content-Security-Policy that forbids every network fetch and every script but that one (see
 * {@link PageAssets}). The pages (summary, findings, rules, one per rule, waivers, baseline) are sections of the
 * same document; report.js shows one at a time by the URL's hash, and without it they read one after another.
 */
public final class HtmlDocument {
    private HtmlDocument() {
    }

    /** The page's Content-Security-Policy (for tests and documentation). */
    public static String contentSecurityPolicy() {
        return PageAssets.CONTENT_SECURITY_POLICY;
    }

    public static byte[] render(ScanReport report) {
        HtmlOut out = new HtmlOut(64 * 1024 + report.findings().size() * 480);
        String when = DateTimeFormatter.ISO_INSTANT.format(report.capturedAt());
        out.raw("<!DOCTYPE html>\n").open("html", "lang", "en").newline().open("head").newline()
                .open("meta", "charset", "utf-8").newline()
                .open("meta", "http-equiv", "Content-Security-Policy", "content", PageAssets.CONTENT_SECURITY_POLICY)
                .newline()
                .open("meta", "name", "referrer", "content", "no-referrer").newline()
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").newline()
                .open("meta", "name", "generator", "content", "relyscan " + report.toolVersion()).newline()
                .element("title", "relyscan report \u2014 " + (report.complete() ? "complete" : "INCOMPLETE")
                        + " \u2014 " + when).newline()
                .open("style").newline().raw(PageAssets.STYLE).close("style").newline()
                .close("head").newline().open("body").newline();
        out.open("header", "class", "top").open("div", "class", "brand").text("relyscan")
                .element("small", "reliability report").close("div").open("nav", "aria-label", "Report pages");
        link(out, "summary", "Summary");
        link(out, "findings", "Findings");
        link(out, "rules", "Rules");
        link(out, "waivers", "Waivers");
        link(out, "baseline", "Baseline");
        out.close("nav").element("div", "captured " + when, "class", "when").close("header").newline();
        out.open("main").newline();
        Tally byRule = Tally.of(report.findings(), f -> f.ruleId());
        SummaryPage.write(out, report);
        FindingsPage.write(out, report);
        RulePages.writeIndex(out, report, byRule);
        RulePages.writePages(out, report, byRule);
        WaiversPage.write(out, report);
        BaselinePage.write(out, report);
        out.close("main").newline();
        out.open("script", "type", "application/json", "id", "relyscan-data").raw(FindingsData.json(report))
                .close("script").newline();
        out.open("script").raw(PageAssets.SCRIPT).close("script").newline();
        out.close("body").newline().close("html").newline();
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void link(HtmlOut out, String page, String label) {
        out.element("a", label, "href", "#" + page);
    }
}
