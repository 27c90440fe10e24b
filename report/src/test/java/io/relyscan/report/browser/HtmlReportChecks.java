package io.relyscan.report.browser;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import static io.relyscan.report.browser.ReportInBrowser.literal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every HTML report must do in a browser, checked against the report it was made from: it loads with no
 * error and no request but its own file, runs no injected script, shows hostile values as text in their own cells,
 * and its filters, sorting and rule pages work. Shared by the report module's browser test and the end-to-end test
 * that scans an emulated account.
 */
public final class HtmlReportChecks {
    /** Rendered at once; the rest behind "show more". Keep in step with report.js PAGE_SIZE. */
    public static final int PAGE_SIZE = 500;
    private static final String ROWS = "document.querySelectorAll('#findings-table tbody tr.finding').length";
    private static final String MATCHING =
            "Number(document.querySelector('#findings-view .count').getAttribute('data-matching'))";

    private HtmlReportChecks() {
    }

    /** No console error or exception, no request but the file itself (and data: URLs), nothing injected ran. */
    public static void loadsCleanly(ReportInBrowser page) {
        assertThat(page.errors()).as("console errors, exceptions and CSP violations").isEmpty();
        assertThat(page.requests()).as("network requests")
                .allSatisfy(url -> assertThat(url.startsWith("data:") || url.equals(page.url())).as(url).isTrue());
        nothingRan(page);
        assertThat(page.string("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content"))
                .startsWith("default-src 'none';").contains("script-src 'sha256-");
    }

    /** No injected script ran, and the document holds only the two scripts it was written with. */
    public static void nothingRan(ReportInBrowser page) {
        assertThat(page.string("typeof window.__pwned")).as("window.__pwned set by injected markup")
                .isEqualTo("undefined");
        assertThat(page.number("document.scripts.length")).as("script elements").isEqualTo(2);
        assertThat(page.number("document.querySelectorAll('img, iframe, object, embed, link, base, form').length"))
                .as("elements that fetch or navigate").isZero();
        assertThat(page.number("Array.prototype.filter.call(document.querySelectorAll('*'), function (e) {"
                + " return Array.prototype.some.call(e.attributes, function (a) { return /^on/i.test(a.name); }); "
                + "}).length")).as("elements with event handler attributes").isZero();
    }

    /** The findings table shows the first page of findings, each row with all its cells. */
    public static void tableIsWhole(ReportInBrowser page, ScanReport report) {
        page.eval("document.getElementById('f-reset').click()");
        long rows = Math.min(PAGE_SIZE, report.findings().size());
        assertThat(page.number(ROWS)).isEqualTo(rows);
        assertThat(page.number(MATCHING)).isEqualTo(report.findings().size());
        assertThat(page.number("document.querySelectorAll('#findings-table tbody tr.finding > td').length"))
                .as("cells: 9 per row, none added or lost by a value").isEqualTo(9 * rows);
        assertThat(page.number("document.querySelectorAll('#findings-table thead th').length")).isEqualTo(9);
    }

    /** Each hostile text appears literally as the text of a table cell, on the findings page or elsewhere. */
    public static void hostileTextsAreLiteral(ReportInBrowser page, List<String> hostile) {
        page.eval("document.getElementById('f-reset').click()");
        for (String text : hostile) {
            assertThat(page.bool("Array.prototype.some.call(document.querySelectorAll('td'), function (td) {"
                    + " return td.textContent.indexOf(" + literal(text) + ") >= 0; })"))
                    .as("a cell holds the literal text %s", text).isTrue();
        }
        nothingRan(page);
    }

    /** Each filter, alone and combined, shows the findings the report says match it. */
    public static void filtersWork(ReportInBrowser page, ScanReport report) {
        List<Finding> all = report.findings();
        Finding first = all.stream().filter(f -> f.outcome() == Outcome.FAIL).findFirst().orElse(all.get(0));
        filter(page, report, "f-outcome", "FAIL", f -> f.outcome() == Outcome.FAIL);
        filter(page, report, "f-outcome", "PASS", f -> f.outcome() == Outcome.PASS);
        filter(page, report, "f-severity", first.severity().name(), f -> f.severity() == first.severity());
        filter(page, report, "f-rule", first.ruleId(), f -> f.ruleId().equals(first.ruleId()));
        filter(page, report, "f-account", first.account(), f -> Objects.equals(f.account(), first.account()));
        filter(page, report, "f-region", first.region(), f -> Objects.equals(f.region(), first.region()));
        String service = service(first.resourceArn());
        filter(page, report, "f-service", service, f -> service(f.resourceArn()).equals(service));
        if (report.baseline() != null) {
            filter(page, report, "f-baseline", "NEW", f -> report.baselineStatus(f)
                    .map(s -> s.name().equals("NEW")).orElse(false));
        }
        // combined: FAIL in the first failure's account, then a search on top
        page.eval("document.getElementById('f-reset').click()");
        set(page, "f-outcome", "FAIL");
        set(page, "f-account", first.account());
        expect(page, report, f -> f.outcome() == Outcome.FAIL && Objects.equals(f.account(), first.account()));
        String needle = first.resourceArn().substring(first.resourceArn().length() / 2).toLowerCase(Locale.ROOT);
        page.eval("(function () { var s = document.getElementById('f-text'); s.value = " + literal(needle)
                + "; s.dispatchEvent(new Event('input', {bubbles: true})); })()");
        expect(page, report, f -> f.outcome() == Outcome.FAIL && Objects.equals(f.account(), first.account())
                && searchable(report, f).contains(needle));
        page.eval("document.getElementById('f-reset').click()");
        assertThat(page.number(MATCHING)).isEqualTo(all.size());
    }

    /**
     * The summary's FAIL tile opens the findings table filtered to FAIL, and #findings?r=&lt;rule&gt; (a rule page's
     * link) to that rule's findings.
     */
    public static void linksFilterTheTable(ReportInBrowser page, ScanReport report) throws InterruptedException {
        page.route("#summary", "summary");
        page.eval("document.querySelector('a.tile[data-outcome=\"FAIL\"]').click()");
        page.route("#findings?o=FAIL", "findings");
        expect(page, report, f -> f.outcome() == Outcome.FAIL);
        assertThat(page.string("document.getElementById('f-outcome').value")).isEqualTo("FAIL");
        String rule = report.findings().get(0).ruleId();
        page.route("#summary", "summary");
        page.route("#findings?r=" + rule, "findings");
        expect(page, report, f -> f.ruleId().equals(rule));
        assertThat(page.string("document.getElementById('f-outcome').value")).isEmpty();
        page.eval("document.getElementById('f-reset').click()");
    }

    /** Clicking the Severity header sorts most severe first, clicking again least severe first. */
    public static void sortingWorks(ReportInBrowser page, ScanReport report) {
        page.eval("document.getElementById('f-reset').click()");
        String click = "document.querySelector('#findings-table th[data-sort=\"s\"] button').click()";
        String firstSeverity = "document.querySelector('#findings-table tbody tr.finding td .badge').textContent";
        Severity[] present = report.findings().stream().map(Finding::severity).distinct().sorted()
                .toArray(Severity[]::new);
        page.eval(click);
        assertThat(page.string("document.querySelector('#findings-table th[data-sort=\"s\"]')"
                + ".getAttribute('aria-sort')")).isEqualTo("ascending");
        assertThat(page.string(firstSeverity)).isEqualTo(present[0].name());
        assertThat(severities(page)).isSortedAccordingTo(java.util.Comparator.naturalOrder());
        page.eval(click);
        assertThat(page.string(firstSeverity)).isEqualTo(present[present.length - 1].name());
        assertThat(severities(page)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        page.eval("document.querySelector('#findings-table th[data-sort=\"c\"] button').click()");
        List<String> accounts = Arrays.asList(page.string("Array.prototype.map.call(document.querySelectorAll("
                + "'#findings-table tbody tr.finding td:nth-child(6)'), function (td) { return td.textContent; })"
                + ".join('|')").split("\\|"));
        assertThat(accounts).isSorted();
    }

    /** #rule/&lt;id&gt; shows that rule's page alone, with a row for each of its findings. */
    public static void rulePageWorks(ReportInBrowser page, ScanReport report, String ruleId)
            throws InterruptedException {
        String section = "rule/" + ruleId;
        page.route("#rule/" + ruleId, section);
        assertThat(page.bool("document.getElementById('summary').hidden")).isTrue();
        assertThat(page.bool("document.getElementById('findings').hidden")).isTrue();
        long expected = report.findings().stream().filter(f -> f.ruleId().equals(ruleId)).count();
        String inSection = "document.getElementById(" + literal(section) + ")";
        assertThat(page.number(inSection + ".querySelectorAll('tbody tr.finding').length"))
                .isEqualTo(Math.min(PAGE_SIZE, expected));
        assertThat(page.string(inSection + ".querySelector('h2').textContent"))
                .contains(report.rule(ruleId).orElseThrow().title());
        page.route("#findings", "findings");
        nothingRan(page);
    }

    private static List<Severity> severities(ReportInBrowser page) {
        String joined = page.string("Array.prototype.map.call(document.querySelectorAll("
                + "'#findings-table tbody tr.finding td:first-child .badge'), function (b) { return b.textContent; })"
                + ".join(',')");
        return Arrays.stream(joined.split(",")).map(Severity::valueOf).toList();
    }

    private static void filter(ReportInBrowser page, ScanReport report, String select, String value,
                               Predicate<Finding> wanted) {
        page.eval("document.getElementById('f-reset').click()");
        set(page, select, value);
        expect(page, report, wanted);
    }

    private static void set(ReportInBrowser page, String select, String value) {
        page.eval("(function () { var s = document.getElementById(" + literal(select) + "); s.value = "
                + literal(value) + "; s.dispatchEvent(new Event('change', {bubbles: true})); })()");
        assertThat(page.string("document.getElementById(" + literal(select) + ").value"))
                .as("option %s of %s", value, select).isEqualTo(value);
    }

    private static void expect(ReportInBrowser page, ScanReport report, Predicate<Finding> wanted) {
        long matching = report.findings().stream().filter(wanted).count();
        assertThat(page.number(MATCHING)).as("matching findings").isEqualTo(matching);
        assertThat(page.number(ROWS)).as("rows shown").isEqualTo(Math.min(PAGE_SIZE, matching));
    }

    private static String searchable(ScanReport report, Finding f) {
        return (f.ruleId() + "\n" + (f.resourceName() == null ? "" : f.resourceName()) + "\n" + f.resourceArn()
                + "\n" + f.message()).toLowerCase(Locale.ROOT);
    }

    /** The service segment of an ARN, as the report's Service column shows it. */
    static String service(String arn) {
        String[] parts = arn.split(":", 4);
        return parts.length >= 3 && parts[0].equals("arn") ? parts[2] : "";
    }
}
