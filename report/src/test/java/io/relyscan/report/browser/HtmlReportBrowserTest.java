package io.relyscan.report.browser;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.report.Golden;
import io.relyscan.report.HtmlReporter;
import io.relyscan.report.ReportFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report in headless Chromium (Debian package chromium; scripts/test installs it): a report whose
 * resource names, tags, messages, region and waiver texts hold hostile markup loads with no console error and no
 * network request, runs nothing injected, shows the values as text, and its filters, sorting, rule pages and
 * pagination work. A screenshot of each page is written to target/.
 */
class HtmlReportBrowserTest {
    private static final ScanReport REPORT = HostileReports.report();
    private static ReportInBrowser page;

    @BeforeAll
    static void open() throws IOException, InterruptedException {
        Path file = target().resolve("browser/relyscan-report.html");
        Files.createDirectories(file.getParent());
        Files.write(file, new HtmlReporter().render(REPORT));
        page = ReportInBrowser.open(file);
    }

    @AfterAll
    static void close() {
        if (page != null) {
            page.close();
        }
    }

    static Path target() {
        return Golden.moduleDir().resolve("target");
    }

    @Test
    void loadsWithoutErrorsOrRequestsAndRunsNothingInjected() throws IOException, InterruptedException {
        HtmlReportChecks.loadsCleanly(page);
        page.route("#summary", "summary");
        assertThat(page.string("document.getElementById('status').getAttribute('data-status')"))
                .isEqualTo("INCOMPLETE");
        page.screenshot(target().resolve("browser/summary.png"));
    }

    @Test
    void hostileValuesAreShownAsText_inTheirOwnCells() throws IOException, InterruptedException {
        page.route("#findings", "findings");
        HtmlReportChecks.tableIsWhole(page, REPORT);
        HtmlReportChecks.hostileTextsAreLiteral(page, HostileReports.HOSTILE);
        // the region is a filter option: its value attribute holds it whole, and no script element came of it
        assertThat(page.string("Array.prototype.map.call(document.querySelectorAll('#f-region option'),"
                + " function (o) { return o.value; }).join('|')")).contains(HostileReports.HOSTILE_REGION);
        // invisible separators are shown, not obeyed
        assertThat(page.bool("Array.prototype.some.call(document.querySelectorAll('td.message'), function (td) {"
                + " return td.textContent.indexOf('alarm \\\\u2028named\\\\u2029 <b>bold</b>') >= 0; })")).isTrue();
        page.screenshot(target().resolve("browser/findings.png"));
        page.route("#waivers", "waivers");
        assertThat(page.string("document.getElementById('waivers-table').textContent"))
                .contains("<script>alert('w')</script>").contains("<img src=x onerror=alert(1)>");
        page.screenshot(target().resolve("browser/waivers.png"));
        HtmlReportChecks.nothingRan(page);
    }

    @Test
    void filtersShowTheMatchingFindings() {
        HtmlReportChecks.filtersWork(page, REPORT);
    }

    @Test
    void summaryTilesAndRulePages_linkToTheFilteredTable() throws InterruptedException {
        HtmlReportChecks.linksFilterTheTable(page, REPORT);
    }

    @Test
    void columnHeadersSort() {
        HtmlReportChecks.sortingWorks(page, REPORT);
    }

    @Test
    void rulePagesAreRouted() throws InterruptedException, IOException {
        HtmlReportChecks.rulePageWorks(page, REPORT, ReportFixtures.RDS_MULTI_AZ.id());
        page.route("#rule/" + ReportFixtures.RDS_MULTI_AZ.id(), "rule/" + ReportFixtures.RDS_MULTI_AZ.id());
        page.screenshot(target().resolve("browser/rule.png"));
        HtmlReportChecks.rulePageWorks(page, REPORT, ReportFixtures.BACKUP_COVERS_RDS.id());
        page.route("#summary", "summary");
        HtmlReportChecks.loadsCleanly(page);
    }

    @Test
    void largeReports_renderAPageOfRowsAtATime() throws IOException, InterruptedException {
        ScanReport large = HostileReports.large(1234);
        Path file = target().resolve("browser/large.html");
        Files.write(file, new HtmlReporter().render(large));
        try (ReportInBrowser big = ReportInBrowser.open(file)) {
            big.route("#findings", "findings");
            String rows = "document.querySelectorAll('#findings-table tbody tr.finding').length";
            assertThat(big.number(rows)).isEqualTo(500);
            assertThat(big.string("document.querySelector('#findings-view .count').textContent"))
                    .isEqualTo("Showing 500 of 1,234 matching findings (1,234 in all).");
            big.eval("document.querySelector('#findings-view button.more').click()");
            assertThat(big.number(rows)).isEqualTo(1000);
            big.eval("document.querySelector('#findings-view button.more').click()");
            assertThat(big.number(rows)).isEqualTo(1234);
            assertThat(big.bool("document.querySelector('#findings-view button.more').hidden")).isTrue();
            HtmlReportChecks.filtersWork(big, large);
            HtmlReportChecks.loadsCleanly(big);
        }
    }

    @Test
    void cappedReports_sayWhatIsLeftOut_andCountEveryFinding() throws IOException, InterruptedException {
        ScanReport large = HostileReports.large(1234);
        Path file = target().resolve("browser/capped.html");
        Files.write(file, new HtmlReporter(600).render(large));
        try (ReportInBrowser capped = ReportInBrowser.open(file)) {
            HtmlReportChecks.loadsCleanly(capped); // the script that reads the total runs under its own CSP hash
            capped.route("#summary", "summary");
            String banner = "document.getElementById('%s').innerText";
            assertThat(capped.bool("document.getElementById('capped').offsetHeight > 0")).isTrue();
            assertThat(capped.string(String.format(banner, "capped"))).startsWith("Not every finding is listed")
                    .contains("Showing 600 of 1,234 findings: all 493 failures and errors, 107 of 741 PASS/N/A "
                            + "rows; every finding is in the JSON and CSV reports");
            capped.screenshot(target().resolve("browser/capped-summary.png"));
            capped.route("#findings", "findings");
            assertThat(capped.bool("document.getElementById('capped-findings').offsetHeight > 0")).isTrue();
            assertThat(capped.string("document.querySelector('#findings-view .count').textContent"))
                    .isEqualTo("Showing 500 of 600 matching findings (1,234 in all).");
            capped.screenshot(target().resolve("browser/capped-findings.png"));
            String rule = ReportFixtures.RDS_MULTI_AZ.id();
            capped.route("#rule/" + rule, "rule/" + rule);
            assertThat(capped.string(String.format(banner, "capped-rule/" + rule)))
                    .contains("are not shown (").contains("PASS");
        }
    }
}
