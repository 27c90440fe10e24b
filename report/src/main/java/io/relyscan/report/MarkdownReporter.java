package io.relyscan.report;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.baseline.ResolvedFinding;
import io.relyscan.core.engine.OutcomeSummary;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.framework.ControlView;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverStatus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A short GitHub-flavoured Markdown summary for tickets and pull requests (see docs/reports.md): status,
 * outcome and severity counts, the failing findings grouped by severity (most severe first), the findings that
 * could not be evaluated, the waived findings with their waivers' reasons, owners and expiry dates and what each
 * waiver did, the new, resolved and not rechecked failures against a baseline, the collection gaps and, when the
 * run was restricted to a framework, its controls. Finding tables are capped at {@link #DEFAULT_MAX_ROWS} rows
 * each, followed by an "… and N more" line.
 *
 * <p>Every string that comes from the scanned accounts passes through {@link MarkdownText#escape}. The only time
 * written is the report's capturedAt, so the same report always gives the same bytes.
 */
public final class MarkdownReporter implements Reporter {
    static final int DEFAULT_MAX_ROWS = 50;
    static final List<String> FINDING_COLUMNS = List.of("Rule", "Resource", "Account", "Region", "Message");
    static final List<String> WAIVED_COLUMNS = List.of("Rule", "Resource", "Account", "Region", "Severity", "Waiver",
            "Owner", "Expires", "Reason");
    static final List<String> BASELINE_COLUMNS = List.of("Rule", "Resource", "Account", "Region", "Severity",
            "Message");
    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Comparator.naturalOrder());

    private final int maxRows;

    public MarkdownReporter() {
        this(DEFAULT_MAX_ROWS);
    }

    /** A reporter that lists at most {@code maxRows} findings per table. */
    MarkdownReporter(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
        this.maxRows = maxRows;
    }

    @Override
    public String format() {
        return "markdown";
    }

    @Override
    public String defaultFileName() {
        return "relyscan-summary.md";
    }

    /** Writes section by section through a buffer flushed at the end; the tables hold references to findings. */
    @Override
    public void write(ScanReport report, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16 * 1024);
        OutcomeSummary summary = report.summary();
        out.append("# relyscan summary\n\n");
        out.append("relyscan ").append(MarkdownText.escape(report.toolVersion())).append(", inventory captured ")
                .append(DateTimeFormatter.ISO_INSTANT.format(report.capturedAt())).append("\n\n");
        out.append(status(report, summary)).append("\n\n");
        if (report.baseline() != null) {
            BaselineComparison b = report.baseline();
            out.append("**Baseline**: ").append(String.valueOf(b.count(BaselineStatus.NEW))).append(" new, ")
                    .append(String.valueOf(b.count(BaselineStatus.PERSISTING))).append(" persisting, ")
                    .append(String.valueOf(b.count(BaselineStatus.RESOLVED))).append(" resolved, ")
                    .append(String.valueOf(b.notRechecked().size()))
                    .append(" not rechecked, against ").append(MarkdownText.escape(b.source())).append(" captured ")
                    .append(DateTimeFormatter.ISO_INSTANT.format(b.baselineCapturedAt())).append(".\n\n");
        }
        out.append("## Outcomes\n\n");
        table(out, List.of("Outcome", "Findings"), "| --- | ---: |");
        for (Outcome o : Outcome.values()) {
            row(out, List.of(o.name(), Long.toString(summary.count(o))));
        }
        out.append("\n## Failures by severity\n\n");
        table(out, List.of("Severity", "Failing findings"), "| --- | ---: |");
        for (Severity s : Severity.values()) {
            row(out, List.of(s.name(), Long.toString(summary.failuresBySeverity().getOrDefault(s, 0L))));
        }
        List<Finding> failures = sorted(report, Outcome.FAIL);
        out.append("\n## Failing findings (").append(String.valueOf(failures.size())).append(")\n\n");
        if (failures.isEmpty()) {
            out.append("No failing findings.\n");
        } else {
            failures(out, failures);
        }
        List<Finding> errors = sorted(report, Outcome.ERROR);
        if (!errors.isEmpty()) {
            out.append("\n## Could not evaluate (").append(String.valueOf(errors.size())).append(")\n\n");
            findings(out, errors, "could not be evaluated");
        }
        if (!report.waivers().isEmpty() || report.summary().count(Outcome.SUPPRESSED) > 0) {
            waivers(out, report);
        }
        if (report.baseline() != null) {
            baseline(out, report);
        }
        List<CoverageEntry> incomplete = report.coverage().incomplete();
        if (!incomplete.isEmpty()) {
            out.append("\n## Not collected (").append(String.valueOf(incomplete.size())).append(")\n\n");
            notCollected(out, incomplete);
        }
        if (report.framework() != null) {
            controls(out, report.framework());
        }
        out.flush();
    }

    private static String status(ScanReport report, OutcomeSummary summary) {
        if (report.complete()) {
            return "**Status: COMPLETE**: everything in scope was collected and evaluated.";
        }
        List<String> why = new ArrayList<>();
        long notCollected = report.coverage().incomplete().size();
        long notEvaluated = summary.count(Outcome.ERROR);
        if (notCollected > 0) {
            why.add(plural(notCollected, "service") + " not fully collected");
        }
        if (notEvaluated > 0) {
            why.add(plural(notEvaluated, "finding") + " not evaluated");
        }
        return "**Status: INCOMPLETE**: " + String.join(", ", why) + " (see below).";
    }

    /** One table per severity, most severe first; {@code maxRows} rows in all, then how many were left out. */
    private void failures(Writer out, List<Finding> failures) throws IOException {
        int shown = 0;
        Severity current = null;
        for (Finding f : failures) {
            if (shown == maxRows) {
                break;
            }
            if (f.severity() != current) {
                current = f.severity();
                Severity s = current;
                long n = failures.stream().filter(x -> x.severity() == s).count();
                out.append(shown == 0 ? "" : "\n").append("### ").append(s.name()).append(" (")
                        .append(String.valueOf(n)).append(")\n\n");
                table(out, FINDING_COLUMNS, null);
            }
            row(out, findingCells(f));
            shown++;
        }
        more(out, failures.size() - shown, "failing");
    }

    private void findings(Writer out, List<Finding> findings, String what) throws IOException {
        table(out, FINDING_COLUMNS, null);
        int shown = Math.min(maxRows, findings.size());
        for (Finding f : findings.subList(0, shown)) {
            row(out, findingCells(f));
        }
        more(out, findings.size() - shown, what);
    }

    /** "… and N more {what} findings" for an adjective such as "failing", else "… and N more findings {what}". */
    private static void more(Writer out, int left, String what) throws IOException {
        if (left > 0) {
            boolean adjective = !what.startsWith("could");
            out.append("\n\u2026 and ").append(String.valueOf(left)).append(" more ")
                    .append(adjective ? what + " " + (left == 1 ? "finding" : "findings")
                            : (left == 1 ? "finding " : "findings ") + what)
                    .append(" (see the JSON or CSV report).\n");
        }
    }

    private static List<String> findingCells(Finding f) {
        String name = f.resourceName();
        String resource = name == null || name.isBlank() || name.equals(f.resourceArn())
                ? MarkdownText.escape(f.resourceArn())
                : MarkdownText.escape(name) + "<br>" + MarkdownText.escape(f.resourceArn());
        return List.of(MarkdownText.escape(f.ruleId()), resource, MarkdownText.escape(f.account()),
                MarkdownText.escape(f.region()), MarkdownText.escape(f.message()));
    }

    /**
     * The waived findings, each with its waiver's reason, owner and expiry (a waiver hides nothing), then every
     * waiver with what it did: suppressing, expired (its failures fail again) or unused.
     */
    private void waivers(Writer out, ScanReport report) throws IOException {
        List<Finding> waived = sorted(report, Outcome.SUPPRESSED);
        out.append("\n## Waivers\n\n### Waived findings (").append(String.valueOf(waived.size())).append(")\n\n");
        if (waived.isEmpty()) {
            out.append("No waived findings.\n");
        } else {
            table(out, WAIVED_COLUMNS, null);
            int shown = Math.min(maxRows, waived.size());
            for (Finding f : waived.subList(0, shown)) {
                Optional<Waiver> w = report.waiverOf(f).map(WaiverStatus::waiver);
                List<String> cells = new ArrayList<>(findingCells(f).subList(0, 4));
                cells.add(f.severity().name());
                cells.add(MarkdownText.escape(w.map(Waiver::displayName).orElse("")));
                cells.add(MarkdownText.escape(w.map(Waiver::owner).orElse("")));
                cells.add(w.map(x -> x.expires() == null ? "never" : x.expires().toString()).orElse(""));
                cells.add(MarkdownText.escape(w.map(Waiver::reason).orElse("")));
                row(out, cells);
            }
            more(out, waived.size() - shown, "waived");
        }
        if (report.waivers().isEmpty()) {
            return;
        }
        out.append("\n### Waivers (").append(String.valueOf(report.waivers().size())).append(")\n\n");
        table(out, List.of("Waiver", "Rule", "Owner", "Expires", "Status"), null);
        for (WaiverStatus s : report.waivers()) {
            Waiver w = s.waiver();
            row(out, List.of(MarkdownText.escape(w.displayName()), MarkdownText.escape(w.ruleId()),
                    MarkdownText.escape(w.owner()), w.expires() == null ? "never" : w.expires().toString(),
                    waiverStatus(s)));
        }
    }

    private static String waiverStatus(WaiverStatus s) {
        if (s.expired()) {
            return s.matchedWhileExpired() == 0 ? "expired, matches nothing: remove it"
                    : "**expired**: " + plural(s.matchedWhileExpired(), "failing finding")
                    + " no longer waived (FAIL again)";
        }
        return s.unused() ? "unused: matches no failing finding" : "suppressing " + plural(s.suppressed(), "finding");
    }

    /** New failures first (what a change introduced), then the baseline failures resolved or not rechecked. */
    private void baseline(Writer out, ScanReport report) throws IOException {
        BaselineComparison b = report.baseline();
        List<Finding> fresh = report.findings().stream().filter(f -> f.outcome() == Outcome.FAIL)
                .filter(f -> b.status(f).filter(st -> st == BaselineStatus.NEW).isPresent()).sorted(ORDER).toList();
        long waivedNew = report.findings().stream().filter(f -> f.outcome() == Outcome.SUPPRESSED)
                .filter(f -> b.status(f).filter(st -> st == BaselineStatus.NEW).isPresent()).count();
        out.append("\n## Baseline\n\n### New failures (").append(String.valueOf(fresh.size())).append(")\n\n");
        if (waivedNew > 0) {
            out.append(waivedNew == 1 ? "1 more new failure is" : waivedNew + " more new failures are")
                    .append(" waived (see Waivers).\n\n");
        }
        if (fresh.isEmpty()) {
            out.append("No new failures.\n");
        } else {
            table(out, BASELINE_COLUMNS, null);
            int shown = Math.min(maxRows, fresh.size());
            for (Finding f : fresh.subList(0, shown)) {
                List<String> cells = new ArrayList<>(findingCells(f).subList(0, 4));
                cells.add(f.severity().name());
                cells.add(findingCells(f).get(4));
                row(out, cells);
            }
            more(out, fresh.size() - shown, "new failing");
        }
        out.append("\n### Resolved (").append(String.valueOf(b.resolved().size())).append(")\n\n");
        if (b.resolved().isEmpty()) {
            out.append("No baseline failure was resolved.\n");
        } else {
            table(out, List.of("Rule", "Resource", "Account", "Region", "Severity", "Now"), null);
            int shown = Math.min(maxRows, b.resolved().size());
            for (ResolvedFinding r : b.resolved().subList(0, shown)) {
                List<String> cells = new ArrayList<>(findingCells(r.previous()).subList(0, 4));
                cells.add(r.previous().severity().name());
                cells.add(r.currentOutcome().map(Outcome::name).orElse("resource gone"));
                row(out, cells);
            }
            more(out, b.resolved().size() - shown, "resolved");
        }
        if (!b.notRechecked().isEmpty()) {
            out.append("\n### Not rechecked (").append(String.valueOf(b.notRechecked().size())).append(")\n\n")
                    .append("Baseline failures this scan could not decide again (scope not scanned, inputs not ")
                    .append("collected whole, or ERROR now).\n\n");
            table(out, List.of("Rule", "Resource", "Account", "Region", "Severity", "Message"), null);
            int shown = Math.min(maxRows, b.notRechecked().size());
            for (Finding f : b.notRechecked().subList(0, shown)) {
                List<String> cells = new ArrayList<>(findingCells(f).subList(0, 4));
                cells.add(f.severity().name());
                cells.add(findingCells(f).get(4));
                row(out, cells);
            }
            more(out, b.notRechecked().size() - shown, "not rechecked");
        }
    }

    private static void notCollected(Writer out, List<CoverageEntry> incomplete) throws IOException {
        table(out, List.of("Account", "Region", "Service", "Status", "Gaps"), null);
        for (CoverageEntry e : incomplete) {
            String gaps = e.gaps().isEmpty() ? MarkdownText.escape(e.describeGaps())
                    : e.gaps().stream().map(MarkdownReporter::gap).collect(Collectors.joining("; "));
            row(out, List.of(MarkdownText.escape(e.account()), MarkdownText.escape(e.region()),
                    MarkdownText.escape(e.service().id()), e.status().name(), gaps));
        }
    }

    private static String gap(CoverageGap gap) {
        String detail = gap.message().isBlank() ? gap.reason().description() : gap.message();
        return MarkdownText.escape(gap.operation()) + ": " + gap.reason().name() + " \u2014 "
                + MarkdownText.escape(detail);
    }

    private static void controls(Writer out, FrameworkView view) throws IOException {
        out.append("\n## Controls (").append(MarkdownText.escape(view.framework().title())).append(")\n\n");
        table(out, List.of("Control", "Status", "FAIL", "PASS", "ERROR", "Title"), "| --- | --- | ---: | ---: | ---: | --- |");
        for (ControlView c : view.controls()) {
            row(out, List.of(MarkdownText.escape(c.id()), c.status().name(), Long.toString(c.count(Outcome.FAIL)),
                    Long.toString(c.count(Outcome.PASS)), Long.toString(c.count(Outcome.ERROR)),
                    MarkdownText.escape(c.title())));
        }
    }

    private static List<Finding> sorted(ScanReport report, Outcome outcome) {
        return report.findings().stream().filter(f -> f.outcome() == outcome).sorted(ORDER).toList();
    }

    /** A header row and its delimiter row ({@code null}: every column left-aligned). */
    private static void table(Writer out, List<String> header, String delimiter) throws IOException {
        row(out, header);
        out.append(delimiter != null ? delimiter : "|" + " --- |".repeat(header.size())).append('\n');
    }

    /** A row of cells that are already escaped. */
    private static void row(Writer out, List<String> cells) throws IOException {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell).append(" |");
        }
        out.append('\n');
    }

    private static String plural(long n, String one) {
        return n + " " + (n == 1 ? one : one + "s");
    }
}
