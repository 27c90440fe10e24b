package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverStatus;
import io.relyscan.report.internal.JsonFormat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Findings for spreadsheets (see docs/reports.md): one row per finding in the report's order, after a header
 * row. The last columns say whether a failure is NEW or PERSISTING against the baseline, and which waiver
 * suppressed the finding (or, on a FAIL row, whose expiry let it fail) with its reason, owner and expiry.
 * RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, with quotes doubled; rows end
 * with CRLF. UTF-8 with a byte-order mark, so that Excel reads non-ASCII text correctly.
 *
 * <p>Formula injection: a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage
 * return gets a leading single quote, so a spreadsheet shows it as text instead of evaluating it. This applies
 * to every cell, since resource names, tags and messages come from the scanned accounts.
 */
public final class CsvReporter implements Reporter {
    static final String BOM = "\uFEFF";
    static final List<String> HEADER = List.of("finding_id", "rule_id", "catalog_id", "severity", "outcome",
            "account", "region", "resource_type", "resource_arn", "resource_name", "message", "evidence",
            "controls", "baseline", "waiver", "waiver_reason", "waiver_owner", "waiver_expires");

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String defaultFileName() {
        return "relyscan-findings.csv";
    }

    /** Writes row by row: one finding's cells at a time, through a buffer flushed at the end. */
    @Override
    public void write(ScanReport report, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write(BOM);
        row(out, HEADER);
        for (Finding f : report.findings()) {
            Optional<RuleMetadata> rule = report.rule(f.ruleId());
            Optional<Waiver> waiver = report.waiverOf(f).map(WaiverStatus::waiver);
            row(out, List.of(f.id(), f.ruleId(), rule.map(RuleMetadata::catalogId).orElse(""),
                    f.severity().name(), f.outcome().name(), orEmpty(f.account()), orEmpty(f.region()),
                    orEmpty(f.resourceType()), f.resourceArn(), orEmpty(f.resourceName()), f.message(),
                    EvidenceText.of(f.evidence()), rule.map(CsvReporter::controls).orElse(""),
                    report.baselineStatus(f).map(Enum::name).orElse(""),
                    waiver.map(Waiver::displayName).orElse(""), waiver.map(Waiver::reason).orElse(""),
                    waiver.map(Waiver::owner).orElse(""),
                    waiver.map(Waiver::expires).map(Object::toString).orElse("")));
        }
        out.flush();
    }

    private static String controls(RuleMetadata rule) {
        return rule.controls().stream().map(CsvReporter::control).collect(Collectors.joining("; "));
    }

    private static String control(ControlRef c) {
        return c.framework().id() + ":" + c.controlId();
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(neutralize(JsonFormat.wellFormed(cells.get(i)))));
        }
        out.write("\r\n");
    }

    /** Prefixes a single quote to a cell a spreadsheet would read as a formula. */
    static String neutralize(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    /** RFC 4180 quoting. */
    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\r') < 0 && cell.indexOf('\n') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
