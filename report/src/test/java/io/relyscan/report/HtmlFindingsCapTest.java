package io.relyscan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import io.relyscan.report.browser.HostileReports;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTML page embeds at most N findings, worst first, keeps every count exact and says what it left out. */
class HtmlFindingsCapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"relyscan-data\">";
    private static final String MULTI_AZ = ReportFixtures.RDS_MULTI_AZ.id();
    private static final String ALARM = ReportFixtures.ALARM_HAS_ACTION.id();

    private static String html(ScanReport report, int max) {
        return new String(new HtmlReporter(max).render(report), StandardCharsets.UTF_8);
    }

    /**
     * 15 findings: rds-instance-multi-az has 3 FAIL CRITICAL, 2 FAIL HIGH (a-high listed before the CRITICAL
     * ones in the report's ARN order), 1 SUPPRESSED and 5 PASS; alarm-has-action 2 ERROR and 2 NOT_APPLICABLE.
     */
    private static ScanReport mixed() {
        List<Finding> findings = new ArrayList<>();
        findings.add(finding(MULTI_AZ, "a-high", Outcome.FAIL, Severity.HIGH));
        for (int i = 0; i < 3; i++) {
            findings.add(finding(MULTI_AZ, "b-critical-" + i, Outcome.FAIL, Severity.CRITICAL));
        }
        findings.add(finding(MULTI_AZ, "c-high", Outcome.FAIL, Severity.HIGH));
        findings.add(finding(MULTI_AZ, "d-waived", Outcome.SUPPRESSED, Severity.HIGH));
        for (int i = 0; i < 5; i++) {
            findings.add(finding(MULTI_AZ, "e-pass-" + i, Outcome.PASS, Severity.HIGH));
        }
        for (int i = 0; i < 2; i++) {
            findings.add(finding(ALARM, "f-error-" + i, Outcome.ERROR, Severity.MEDIUM));
            findings.add(finding(ALARM, "g-na-" + i, Outcome.NOT_APPLICABLE, Severity.MEDIUM));
        }
        return ScanReport.of(ReportFixtures.TOOL_VERSION, ReportFixtures.inventory(), ReportFixtures.rules(),
                findings);
    }

    private static Finding finding(String rule, String name, Outcome outcome, Severity severity) {
        return new Finding(null, rule, "arn:aws:rds:us-east-1:111111111111:db:" + name, "DbInstance", name,
                "111111111111", "us-east-1", outcome, severity, "finding " + name, Map.of(), Map.of());
    }

    @Test
    void underTheCap_thePageIsTheSameAsWithoutOne() {
        byte[] all = new HtmlReporter(0).render(ReportFixtures.report());
        assertThat(new HtmlReporter().render(ReportFixtures.report())).isEqualTo(all);
        int size = ReportFixtures.report().findings().size();
        assertThat(new HtmlReporter(size).render(ReportFixtures.report())).isEqualTo(all);
        String page = new String(all, StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("capped").doesNotContain("Not every finding");
        assertThat(HtmlReporter.DEFAULT_MAX_FINDINGS).isEqualTo(50_000);
    }

    @Test
    void overTheCap_keepsTheWorstFirst_inTheReportsOrder() throws Exception {
        ScanReport report = mixed();
        // the report's order: alarm-has-action (f-error-*, g-na-*), then rds-instance-multi-az by ARN
        assertThat(names(html(report, 3))).containsExactly("b-critical-0", "b-critical-1", "b-critical-2");
        assertThat(names(html(report, 4))) // then the first HIGH failure in the report's order
                .containsExactly("a-high", "b-critical-0", "b-critical-1", "b-critical-2");
        assertThat(names(html(report, 6))).containsExactly("f-error-0", "a-high", "b-critical-0", "b-critical-1",
                "b-critical-2", "c-high");
        assertThat(names(html(report, 9))).containsExactly("f-error-0", "f-error-1", "g-na-0", "a-high",
                "b-critical-0", "b-critical-1", "b-critical-2", "c-high", "d-waived");
    }

    @Test
    void overTheCap_anyReport_embedsExactlyTheWorstN() throws Exception {
        ScanReport report = HostileReports.large(1000);
        List<Finding> expected = report.findings().stream()
                .sorted(Comparator.comparingInt(HtmlFindingsCapTest::worstFirst)).limit(137).toList();
        Set<String> arns = expected.stream().map(Finding::resourceArn).collect(Collectors.toSet());
        List<String> inReportOrder = report.findings().stream().map(Finding::resourceArn).filter(arns::contains)
                .toList();
        JsonNode data = data(html(report, 137));
        List<String> embedded = new ArrayList<>();
        data.get("findings").forEach(f -> embedded.add(f.get("a").asText()));
        assertThat(embedded).isEqualTo(inReportOrder);
        assertThat(data.get("total").asInt()).isEqualTo(1000);
        assertThat(new HtmlReporter(137).render(report)).isEqualTo(new HtmlReporter(137).render(report));
    }

    /** The order the brief for the cap sets, independent of the code under test: stable sort on this key. */
    private static int worstFirst(Finding f) {
        return switch (f.outcome()) {
            case FAIL -> f.severity().ordinal();
            case ERROR -> 10;
            case SUPPRESSED -> 11;
            default -> 12;
        };
    }

    @Test
    void overTheCap_everyCountIsOfAllFindings() {
        ScanReport report = HostileReports.large(1000);
        String all = html(report, 0);
        String capped = html(report, 100);
        assertThat(withoutBanner(section(capped, "summary"))).isEqualTo(section(all, "summary"));
        assertThat(section(capped, "rules")).isEqualTo(section(all, "rules"));
        assertThat(withoutBanner(section(capped, "findings"))).isEqualTo(section(all, "findings"));
        assertThat(section(capped, "summary")).contains("<div class=\"n\">1000</div><div class=\"k\">findings");
        assertThat(section(capped, "findings")).contains("<h2>Findings (1000)</h2>");
    }

    @Test
    void overTheCap_bannersSayWhatIsLeftOut() {
        String page = html(mixed(), 8);
        String summary = "Showing 8 of 15 findings: all 7 failures and errors, the 1 waived finding, no PASS/N/A "
                + "rows; every finding is in the JSON and CSV reports (relyscan-report.json, "
                + "relyscan-findings.csv). --html-max-findings sets how many the page embeds (0: all).";
        assertThat(section(page, "summary")).contains("<div class=\"banner incomplete capped\" id=\"capped\" "
                + "role=\"note\"><strong>Not every finding is listed</strong><span>" + summary + "</span></div>");
        assertThat(section(page, "findings")).contains("id=\"capped-findings\"").contains(summary);
        assertThat(section(page, "rule/" + MULTI_AZ)).contains("id=\"capped-rule/" + MULTI_AZ + "\"")
                .contains("the findings of this rule that the page embeds; 5 are not shown (5 PASS)");
        assertThat(section(page, "rule/" + ALARM)).contains("2 are not shown (2 N/A)");
        assertThat(section(page, "rule/" + ReportFixtures.ASG_MULTI_AZ.id())).doesNotContain("capped");

        assertThat(section(html(mixed(), 4), "summary")).contains("Showing 4 of 15 findings: 4 of 5 failures, "
                + "all CRITICAL ones, no errors, no waived findings, no PASS/N/A rows; every finding");
        assertThat(section(html(mixed(), 12), "summary")).contains("Showing 12 of 15 findings: all 7 failures "
                + "and errors, the 1 waived finding, 4 of 7 PASS/N/A rows;");
        assertThat(section(html(HostileReports.large(2000), 1000), "summary")).contains("Showing 1,000 of "
                + "2,000 findings:");
    }

    @Test
    void overTheCap_theDataCarriesTheTotal_andTheCspHashesTheScript() throws Exception {
        String page = html(mixed(), 4);
        String script = page.substring(page.lastIndexOf("<script>") + "<script>".length(),
                page.lastIndexOf("</script>"));
        assertThat(script).contains("table.total = data.total !== undefined ? data.total : findings.length;");
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest
                .getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(page).contains("script-src &#39;sha256-" + hash + "&#39;");
        assertThat(data(page).get("total").asInt()).isEqualTo(15);
        assertThat(data(html(mixed(), 0)).has("total")).isFalse();
    }

    @Test
    void aNegativeCap_isRejected() {
        assertThatThrownBy(() -> new HtmlReporter(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(String page) throws Exception {
        List<String> names = new ArrayList<>();
        data(page).get("findings").forEach(f -> names.add(f.get("n").asText()));
        return names;
    }

    private static JsonNode data(String page) throws Exception {
        int start = page.indexOf(DATA_OPEN) + DATA_OPEN.length();
        return JSON.readTree(page.substring(start, page.indexOf("</script>", start)));
    }

    /** The page section with {@code id}, up to its end. */
    private static String section(String page, String id) {
        int start = page.indexOf("<section class=\"page\" id=\"" + id + "\"");
        assertThat(start).as("section " + id).isGreaterThanOrEqualTo(0);
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static String withoutBanner(String section) {
        return section.replaceAll("<div class=\"banner incomplete capped\".*?</div>\n", "");
    }
}
