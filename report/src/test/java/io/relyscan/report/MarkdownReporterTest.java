package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import java.nio.file.Files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkdownReporterTest {
    /** Values that are markup in Markdown or HTML, on top of the CSV/JUnit hostile values. */
    static final List<String> MARKDOWN_HOSTILE = List.of("| x |", "[link](javascript:alert(1))", "**bold**",
            "`code` and ``more``", "<img src=x onerror=alert(1)>", "# heading", "- item", "+ item", "= setext",
            "a\\|b", "trailing\\", "_em_ ~~strike~~", "![img](http://evil.example/x.png)", "&lt;b&gt; &#60;i&#62;",
            "<br>", "</td></tr></table>", "\ud83d\ude80 \u202eevil");

    @Test
    void reporter_namesItsFormatAndFile() {
        assertThat(new MarkdownReporter().format()).isEqualTo("markdown");
        assertThat(new MarkdownReporter().defaultFileName()).isEqualTo("relyscan-summary.md");
        assertThatThrownBy(() -> new MarkdownReporter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void render_isDeterministic_andSummarisesTheReport() {
        byte[] bytes = new MarkdownReporter().render(ReportFixtures.report());
        assertThat(bytes).isEqualTo(new MarkdownReporter().render(ReportFixtures.report()));
        String md = new String(bytes, StandardCharsets.UTF_8);
        assertThat(md).startsWith("# relyscan summary\n\nrelyscan 0.1.0-test, inventory captured ")
                .contains("**Status: INCOMPLETE**").contains("## Outcomes").contains("| FAIL | ")
                .contains("## Failures by severity").contains("## Could not evaluate (2)")
                .contains("## Not collected").doesNotContain("## Controls");
        // Severity sections in order, most severe first.
        assertThat(md.indexOf("### CRITICAL")).isPositive().isLessThan(md.indexOf("### HIGH"));
        assertThat(md.indexOf("### HIGH")).isLessThan(md.indexOf("### MEDIUM"));
        assertThat(md.indexOf("### MEDIUM")).isLessThan(md.indexOf("### LOW"));
        long failing = ReportFixtures.report().summary().count(Outcome.FAIL);
        assertThat(md).contains("## Failing findings (" + failing + ")");
        assertThat(findingRows(md)).hasSize((int) failing + 2).allSatisfy(r -> assertThat(r).hasSize(5));
        assertThat(md).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("and more");
    }

    @Test
    void cleanReport_isComplete_withNoFailingFindings() {
        String md = render(new MarkdownReporter(), ReportFixtures.cleanReport());
        assertThat(md).contains("**Status: COMPLETE**").contains("No failing findings.")
                .doesNotContain("## Could not evaluate").doesNotContain("## Not collected");
    }

    @Test
    void frameworkReport_listsEveryControlWithItsStatus() {
        ScanReport report = FrameworkFixtures.report();
        String md = render(new MarkdownReporter(), report);
        assertThat(md).contains("## Controls (" + MarkdownText.escape(report.framework().framework().title()) + ")");
        report.framework().controls().forEach(c -> assertThat(md)
                .contains("| " + MarkdownText.escape(c.id()) + " | " + c.status().name() + " | "));
    }

    @Test
    void hostileValues_renderOnlyEscaped_andTableRowsKeepTheirColumns() {
        List<String> values = Stream.concat(ReportFormatsTestSupport.HOSTILE.stream(), MARKDOWN_HOSTILE.stream())
                .toList();
        String md = render(new MarkdownReporter(), failing(values));
        assertThat(md).doesNotContain("<script").doesNotContain("<img").doesNotContain("</td")
                .doesNotContain("](javascript").doesNotContain("**bold**").doesNotContain("`code`")
                .doesNotContain("\r").doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\u202e")
                .contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;").contains("\\| x \\|")
                .contains("\\[link\\]\\(javascript:alert\\(1\\)\\)").contains("\\*\\*bold\\*\\*")
                .contains("a\\\\\\|b").contains("&amp;lt;b&amp;gt;");
        List<List<String>> rows = findingRows(md);
        assertThat(rows).hasSize(values.size());
        for (List<String> row : rows) {
            assertThat(row).as(row.toString()).hasSize(MarkdownReporter.FINDING_COLUMNS.size());
            for (String cell : row) {
                assertOnlyEscaped(cell.replace("<br>", " "));
            }
        }
        List<String> messages = rows.stream().map(r -> r.get(4)).toList();
        for (String h : values) {
            String escaped = MarkdownText.escape(h);
            assertThat(messages).as("message of %s", h).contains(escaped);
            assertThat(unescape(escaped)).as("renders as the text of %s", h).isEqualTo(plain(h));
        }
        assertThat(md.lines().filter(l -> l.startsWith("#")))
                .as("no user value makes a heading").allMatch(l -> l.matches("#{1,3} [A-Za-z].*"));
    }

    @Test
    void waivers_showTheWaivedFindingsWithReasonOwnerAndExpiry_andWhatEachWaiverDid() {
        String md = render(new MarkdownReporter(), ReportFixtures.report());
        assertThat(md).contains("\n## Waivers\n\n### Waived findings (1)\n\n"
                        + "| Rule | Resource | Account | Region | Severity | Waiver | Owner | Expires | Reason |\n")
                .contains("| backup-plan-covers-rds | reports-db<br>arn:aws:rds:eu-west-1:111122223333:db:reports-db | "
                        + "111122223333 | eu-west-1 | CRITICAL | WAIVER-12 | data-platform@example.com | 2027-01-31 | "
                        + "Reporting replica, rebuilt nightly from orders-db; it is never restored. |\n")
                .contains("| waivers.yaml:10 | asg-multi-az | web-team | 2026-10-31 | **expired**: 1 failing finding "
                        + "no longer waived (FAIL again) |\n")
                .contains("| never | unused: matches no failing finding |\n");
        assertThat(render(new MarkdownReporter(), ReportFixtures.unwaivedReport())).doesNotContain("## Waivers")
                .doesNotContain("## Baseline").doesNotContain("**Baseline**");
    }

    @Test
    void baseline_listsNewFailuresFirst_thenResolvedAndNotRechecked() {
        String md = render(new MarkdownReporter(), ReportFixtures.report());
        assertThat(md).contains("\n**Baseline**: 7 new, 2 persisting, 2 resolved, 1 not rechecked, against "
                + "baseline/relyscan-report.json captured 2026-11-21T12:00:00Z.\n");
        String section = md.substring(md.indexOf("\n## Baseline\n"));
        assertThat(section.indexOf("### New failures (6)")).isPositive().isLessThan(section.indexOf("### Resolved (2)"));
        assertThat(section.indexOf("### Resolved (2)")).isLessThan(section.indexOf("### Not rechecked (1)"));
        assertThat(section).contains("| rds-instance-multi-az | billing-db<br>arn:aws:rds:us-east-1:111122223333:db:"
                        + "billing-db | 111122223333 | us-east-1 | HIGH | PASS |\n")
                .contains("| old-db<br>arn:aws:rds:us-east-1:111122223333:db:old-db | 111122223333 | us-east-1 | HIGH | "
                        + "resource gone |\n")
                .contains("mumbai-db")
                // The persisting failure (orders-db Multi-AZ) and the waived one are not new failures.
                .doesNotContain("| rds-instance-multi-az | orders-db").doesNotContain("| backup-plan-covers-rds | "
                        + "reports-db");
        List<List<String>> newRows = rowsUnder(section, MarkdownReporter.BASELINE_COLUMNS);
        assertThat(newRows.subList(0, 6)).extracting(r -> r.get(4))
                .containsExactly("CRITICAL", "HIGH", "HIGH", "MEDIUM", "LOW", "LOW");
        assertThat(render(new MarkdownReporter(1), ReportFixtures.report()))
                .contains("\u2026 and 5 more new failing findings (see the JSON or CSV report).")
                .contains("\u2026 and 1 more resolved finding (see the JSON or CSV report).");
    }

    @Test
    void hostileWaiverText_rendersOnlyEscaped_andKeepsTheColumns() {
        ScanReport report = ReportFormatsTestSupport.hostileWaiverReport();
        String md = render(new MarkdownReporter(), report);
        assertThat(md).doesNotContain("<script").doesNotContain("<b>").doesNotContain("<img")
                .doesNotContain("\u001b");
        var w = report.waivers().get(0).waiver();
        List<List<String>> rows = rowsUnder(md, MarkdownReporter.WAIVED_COLUMNS);
        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r).hasSize(MarkdownReporter.WAIVED_COLUMNS.size());
            assertThat(r.subList(5, 9)).containsExactly(MarkdownText.escape(w.id()), MarkdownText.escape(w.owner()),
                    "never", MarkdownText.escape(w.reason()));
            r.forEach(cell -> assertOnlyEscaped(cell.replace("<br>", " ")));
        });
        assertThat(unescape(rows.get(0).get(8))).isEqualTo(w.reason());
        assertThat(rows.get(0).get(6)).isEqualTo("\uFFFD\\[31mops\uFFFD\\[0m &lt;team@example.com&gt;");
        List<List<String>> waivers = rowsUnder(md, List.of("Waiver", "Rule", "Owner", "Expires", "Status"));
        assertThat(waivers).singleElement().satisfies(r -> assertThat(r).hasSize(5));
    }

    /** The rows of every table whose header row is {@code header}. */
    private static List<List<String>> rowsUnder(String md, List<String> header) {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : md.split("\n", -1)) {
            if (!line.startsWith("|")) {
                inTable = false;
            } else if (cells(line).equals(header)) {
                inTable = true;
            } else if (inTable && !line.startsWith("| ---")) {
                rows.add(cells(line));
            }
        }
        return rows;
    }

    @Test
    void hostileCoverageGap_isEscapedToo() {
        ScanReport base = failing(List.of("db"));
        CoverageEntry entry = new CoverageEntry("111122223333", "us-east-1", AwsService.RDS, CollectionStatus.FAILED,
                List.of(new CoverageGap("Describe|x", GapReason.ACCESS_DENIED, "<script>| y |\n[z](javascript:1)")));
        ScanReport report = new ScanReport(base.toolVersion(), base.capturedAt(), base.scopes(), base.rules(),
                base.findings(), Coverage.of(List.of(entry)), base.telemetry());
        String md = render(new MarkdownReporter(), report);
        assertThat(md).contains("**Status: INCOMPLETE**: 1 service not fully collected")
                .contains("| 111122223333 | us-east-1 | rds | FAILED | Describe\\|x: ACCESS_DENIED \u2014 "
                        + "&lt;script&gt;\\| y \\| \\[z\\]\\(javascript:1\\) |")
                .doesNotContain("<script");
        String row = md.lines().filter(l -> l.startsWith("| 111122223333 | us-east-1 | rds")).findFirst().orElseThrow();
        assertThat(cells(row)).hasSize(5);
    }

    @Test
    void escape_followsTheRules() {
        assertThat(MarkdownText.escape(null)).isEmpty();
        assertThat(MarkdownText.escape("plain text 1.2")).isEqualTo("plain text 1.2");
        assertThat(MarkdownText.escape("a|b")).isEqualTo("a\\|b");
        assertThat(MarkdownText.escape("a\\b")).isEqualTo("a\\\\b");
        assertThat(MarkdownText.escape("<b>&")).isEqualTo("&lt;b&gt;&amp;");
        assertThat(MarkdownText.escape("-x")).isEqualTo("\\-x");
        assertThat(MarkdownText.escape("x-y")).isEqualTo("x-y");
        assertThat(MarkdownText.escape("+x")).isEqualTo("\\+x");
        assertThat(MarkdownText.escape("=x")).isEqualTo("\\=x");
        assertThat(MarkdownText.escape("\r\n a\r\n\r\nb\nc\td\n")).isEqualTo("a b c d");
        assertThat(MarkdownText.escape("\n- x")).isEqualTo("\\- x");
        assertThat(MarkdownText.escape("x\u0001\u202e\ud800")).isEqualTo("x\uFFFD\uFFFD\uFFFD");
        assertThat(MarkdownText.escape("\ud83d\ude80")).isEqualTo("\ud83d\ude80");
    }

    @Test
    void failingFindings_areCappedAtFiftyRows_withACountOfTheRest() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            names.add(String.format("db-%02d", i));
        }
        String md = render(new MarkdownReporter(), failing(names));
        assertThat(md).contains("## Failing findings (61)").contains("### HIGH (61)")
                .contains("\n\u2026 and 11 more failing findings (see the JSON or CSV report).\n");
        List<List<String>> rows = findingRows(md);
        assertThat(rows).hasSize(MarkdownReporter.DEFAULT_MAX_ROWS);
        assertThat(rows.get(0).get(4)).isEqualTo("db-00");
        assertThat(rows.get(49).get(4)).isEqualTo("db-49");
        assertThat(md).doesNotContain("db-50");
    }

    @Test
    void cap_countsRowsAcrossSeverities_andAppliesToErrors() {
        String md = render(new MarkdownReporter(2), ReportFixtures.report());
        long failing = ReportFixtures.report().summary().count(Outcome.FAIL);
        assertThat(md).contains("### CRITICAL").doesNotContain("### LOW")
                .contains("\u2026 and " + (failing - 2) + " more failing findings")
                .doesNotContain("more findings could not be evaluated");
        assertThat(render(new MarkdownReporter(1), ReportFixtures.report()))
                .contains("\u2026 and 1 more finding could not be evaluated");
    }

    @Test
    void write_streamsTheBytesRenderGives_flushesAndLeavesTheStreamOpen() throws Exception {
        StreamingTestSupport.RecordingStream out = new StreamingTestSupport.RecordingStream();
        new MarkdownReporter().write(ReportFixtures.report(), out);
        assertThat(out.bytes.toByteArray()).isEqualTo(new MarkdownReporter().render(ReportFixtures.report()))
                .isEqualTo(Files.readAllBytes(Golden.file("summary.md")));
        assertThat(out.flushedLast).isTrue();
        assertThat(out.closed).isFalse();

        // Uncapped tables of a big report: still written a buffer at a time.
        ScanReport big = StreamingTestSupport.manyFindings(1000);
        StreamingTestSupport.RecordingStream bigOut = new StreamingTestSupport.RecordingStream();
        new MarkdownReporter(10_000).write(big, bigOut);
        assertThat(bigOut.bytes.toByteArray()).isEqualTo(new MarkdownReporter(10_000).render(big));
        assertThat(bigOut.bytes.size()).isGreaterThan(128 * 1024);
        assertThat(bigOut.largestWrite).isLessThanOrEqualTo(64 * 1024);
        assertThat(bigOut.flushedLast).isTrue();
        assertThat(bigOut.closed).isFalse();
        assertThat(bigOut.bytes.toString(StandardCharsets.UTF_8)).contains("## Failing findings (400)")
                .contains("## Could not evaluate (200)").doesNotContain("more failing");
    }

    private static String render(MarkdownReporter reporter, ScanReport report) {
        return new String(reporter.render(report), StandardCharsets.UTF_8);
    }

    /** One HIGH failing finding per value, in its resource name, ARN and message. */
    private static ScanReport failing(List<String> values) {
        Inventory inv = InventoryFixture.create().dbInstance("db", d -> d).build();
        DbInstance db = inv.all(DbInstance.class).get(0);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String h = values.get(i);
            findings.add(new Finding(null, "rds-instance-multi-az", String.format("%02d", i) + h, db.typeName(), h,
                    db.account(), db.region(), Outcome.FAIL, Severity.HIGH, h, Map.of("tag", h), Map.of()));
        }
        return ScanReport.of("1", inv, List.of(ReportFixtures.RDS_MULTI_AZ), findings);
    }

    /** The cells of the finding-table rows (those under a Rule | Resource | ... header). */
    static List<List<String>> findingRows(String md) {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : md.split("\n", -1)) {
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            if (cells.equals(MarkdownReporter.FINDING_COLUMNS)) {
                inTable = true;
            } else if (inTable && !line.startsWith("| ---")) {
                rows.add(cells);
            }
        }
        return rows;
    }

    /** Splits a table row on the pipes that are not backslash-escaped, as GitHub does. */
    static List<String> cells(String line) {
        assertThat(line).startsWith("| ").endsWith(" |");
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cell.append(c).append(line.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    /** Every Markdown-significant character is backslash-escaped; no HTML bracket, no line break. */
    private static void assertOnlyEscaped(String cell) {
        assertThat(cell).doesNotContain("<").doesNotContain(">").doesNotContain("\n").doesNotContain("\r");
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            assertThat("`*_[]()#|~!").as("unescaped %s in %s", c, cell).doesNotContain(String.valueOf(c));
            if (c == '&') {
                assertThat(cell.substring(i)).as(cell).matches("(?s)^&(amp|lt|gt);.*");
            }
        }
    }

    /** What GitHub shows for escaped text: backslash escapes and the three entities resolved. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                sb.append(s.charAt(++i));
            } else if (s.startsWith("&lt;", i)) {
                sb.append('<');
                i += 3;
            } else if (s.startsWith("&gt;", i)) {
                sb.append('>');
                i += 3;
            } else if (s.startsWith("&amp;", i)) {
                sb.append('&');
                i += 4;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The text a value should render as: line breaks collapsed, controls and overrides replaced. */
    private static String plain(String h) {
        return h.strip().replaceAll("[\r\n]+", " ").replace('\t', ' ')
                .replaceAll("[\\x00-\\x1f\\x7f-\\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", "\uFFFD")
                .replace("\ud800", "\uFFFD");
    }
}
