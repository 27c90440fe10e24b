package io.relyscan.report.html;

import io.relyscan.core.engine.ScanReport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * The whole HTML report: one file with its style sheet, its one script and its data inline, and a
 * Content-Security-Policy that forbids every network fetch and every script but that one (see
 * {@link PageAssets}). The pages (summary, findings, rules, one per rule, waivers, baseline) are sections of the
 * same document; report.js shows one at a time by the URL's hash, and without it they read one after another.
 *
 * <p>The page is written as a stream: its sections from counts taken in one pass over the findings
 * ({@link Tallies}), the data block finding by finding ({@link FindingsData}). Nothing holds the whole page.
 */
public final class HtmlDocument {
    private HtmlDocument() {
    }

    /** The page's Content-Security-Policy (for tests and documentation). */
    public static String contentSecurityPolicy() {
        return PageAssets.CONTENT_SECURITY_POLICY;
    }

    /** Writes the page with every finding embedded, UTF-8, to {@code stream}, and flushes it; does not close it. */
    public static void write(ScanReport report, OutputStream stream) throws IOException {
        write(report, stream, 0);
    }

    /**
     * Writes the page, UTF-8, to {@code stream}, and flushes it; does not close it. It embeds at most
     * {@code maxFindings} findings, worst first (0: all), and says so when some are left out; every count on the
     * page is of all findings (see {@link EmbeddedFindings}).
     */
    public static void write(ScanReport report, OutputStream stream, int maxFindings) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        try {
            write(report, new HtmlOut(writer), EmbeddedFindings.of(report.findings(), maxFindings));
        } catch (UncheckedIOException e) { // HtmlOut's, see there
            throw e.getCause();
        }
        writer.flush();
    }

    private static void write(ScanReport report, HtmlOut out, EmbeddedFindings embedded) throws IOException {
        String when = DateTimeFormatter.ISO_INSTANT.format(report.capturedAt());
        String csp = PageAssets.CONTENT_SECURITY_POLICY;
        out.raw("<!DOCTYPE html>\n").open("html", "lang", "en").newline().open("head").newline()
                .open("meta", "charset", "utf-8").newline()
                .open("meta", "http-equiv", "Content-Security-Policy", "content", csp)
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
        Tallies tallies = Tallies.of(report.findings());
        SummaryPage.write(out, report, tallies, embedded);
        FindingsPage.write(out, report, tallies, embedded);
        RulePages.writeIndex(out, report, tallies.byRule);
        RulePages.writePages(out, report, tallies, embedded);
        WaiversPage.write(out, report, tallies);
        BaselinePage.write(out, report);
        out.close("main").newline();
        out.open("script", "type", "application/json", "id", "relyscan-data");
        FindingsData.write(report, out.writer(), embedded);
        out.close("script").newline();
        out.open("script").raw(PageAssets.SCRIPT).close("script")
                .newline();
        out.close("body").newline().close("html").newline();
    }

    /** The notice that the page does not embed every finding, on each page whose lists it shortens. */
    static void cappedBanner(HtmlOut out, String id, String text) {
        out.open("div", "class", "banner incomplete capped", "id", id, "role", "note")
                .element("strong", "Not every finding is listed").element("span", text).close("div").newline();
    }

    private static void link(HtmlOut out, String page, String label) {
        out.element("a", label, "href", "#" + page);
    }
}
