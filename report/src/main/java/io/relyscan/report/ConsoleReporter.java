package io.relyscan.report;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.baseline.ResolvedFinding;
import io.relyscan.core.engine.OutcomeSummary;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.framework.ControlStatus;
import io.relyscan.core.framework.ControlView;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.framework.RuleMapping;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report for people at a terminal: what failed, grouped by rule and ordered by severity, what could not
 * be evaluated, what was waived (with the waiver's reason and owner: a waived finding is never dropped), what
 * the waivers did, what could not be collected and, with a baseline, which failures are NEW and which baseline
 * failures were resolved. PASS and NOT_APPLICABLE findings are only counted here; the JSON report keeps them
 * all. Waiver ids, reasons and owners come from a file users edit: they are sanitized like account data.
 *
 * <p>Every string that comes from the scanned accounts passes through {@link TerminalText#sanitize}, every
 * line is cut to {@link ConsoleStyle#width()} characters, and colour codes are only ever put around text
 * this class wrote itself.
 */
public final class ConsoleReporter implements Reporter {
    private static final int NAME_COLUMN_MAX = 40;
    /** Resource type of findings about a whole account and region (see RuleContext.on(ScanScope)). */
    private static final String REGION_TYPE = "Region";
    private static final Comparator<Finding> WITHIN_GROUP = Comparator
            .comparing(Finding::account, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::region, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ConsoleReporter::name)
            .thenComparing(Comparator.naturalOrder());

    private final ConsoleStyle style;

    public ConsoleReporter(ConsoleStyle style) {
        this.style = Objects.requireNonNull(style, "style");
    }

    @Override
    public String format() {
        return "console";
    }

    @Override
    public String defaultFileName() {
        return "relyscan-report.txt";
    }

    /** Writes the report as UTF-8, a few kilobytes of whole lines at a time, and flushes what it buffered. */
    @Override
    public void write(ScanReport report, OutputStream out) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            emit(report, text);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        text.flush();
    }

    /**
     * Prints the report to {@code out} (such as standard output) in its own charset, a few kilobytes of whole
     * lines at a time: the same text as printing {@code new String(render(report), UTF_8)}, without holding all
     * of it. Does not close {@code out}; a {@code PrintStream} records an error rather than throwing it.
     */
    public void print(ScanReport report, PrintStream out) {
        emit(report, out);
    }

    private void emit(ScanReport report, Appendable out) {
        Page page = new Page(style, out);
        header(page, report);
        page.blank();
        counts(page, report, report.summary());
        if (report.framework() != null) {
            page.blank();
            controls(page, report, report.framework());
        }
        List<Finding> failures = report.findings().stream().filter(f -> f.outcome() == Outcome.FAIL).toList();
        List<Finding> errors = report.findings().stream().filter(f -> f.outcome() == Outcome.ERROR).toList();
        boolean manyAccounts = report.scopes().stream().map(ScanScope::account).distinct().count() > 1;
        page.blank();
        page.heading("Failing findings (" + failures.size() + ")");
        if (failures.isEmpty()) {
            page.line(Span.plain("  No failing findings."));
        } else {
            groups(page, report, failures, manyAccounts, true);
        }
        if (!errors.isEmpty()) {
            page.blank();
            page.heading("Could not evaluate (" + errors.size() + ")");
            groups(page, report, errors, manyAccounts, false);
        }
        List<Finding> waived = report.findings().stream().filter(f -> f.outcome() == Outcome.SUPPRESSED).toList();
        if (!waived.isEmpty()) {
            page.blank();
            page.heading("Waived (" + waived.size() + ")");
            groups(page, report, waived, manyAccounts, true);
        }
        if (!report.waivers().isEmpty()) {
            page.blank();
            waivers(page, report.waivers());
        }
        if (report.baseline() != null) {
            page.blank();
            baseline(page, report.baseline(), manyAccounts);
        }
        List<CoverageEntry> incomplete = report.coverage().incomplete();
        if (!incomplete.isEmpty()) {
            page.blank();
            page.heading("Not collected (" + incomplete.size() + ")");
            for (CoverageEntry entry : incomplete) {
                notCollected(page, entry);
            }
        }
        if (!report.telemetry().isEmpty()) {
            page.blank();
            telemetry(page, report.telemetry());
        }
        page.finish();
    }

    private void header(Page page, ScanReport report) {
        page.line(Span.styled(Ansi.BOLD, "relyscan " + TerminalText.sanitize(report.toolVersion())),
                Span.plain(" - reliability scan report"));
        page.line(Span.plain(label("Captured") + DateTimeFormatter.ISO_INSTANT.format(report.capturedAt())));
        Map<String, TreeSet<String>> regionsByAccount = new TreeMap<>();
        for (ScanScope scope : report.scopes()) {
            regionsByAccount.computeIfAbsent(scope.account(), a -> new TreeSet<>()).add(scope.region());
        }
        long regions = report.scopes().stream().map(ScanScope::region).distinct().count();
        page.line(Span.plain(label("Scopes") + report.scopes().size() + " (" + plural(regionsByAccount.size(),
                "account") + " \u00d7 " + plural(regions, "region") + ")"));
        regionsByAccount.forEach((account, rs) -> page.line(Span.plain("  " + TerminalText.sanitize(account) + "  "
                + TerminalText.sanitize(String.join(", ", rs)))));
        if (report.complete()) {
            page.line(Span.plain(label("Status")), Span.styled(Ansi.GREEN, "COMPLETE"),
                    Span.plain(": everything in scope was collected and evaluated"));
        } else {
            long notCollected = report.coverage().incomplete().size();
            long notEvaluated = report.summary().count(Outcome.ERROR);
            List<String> why = new ArrayList<>();
            if (notCollected > 0) {
                why.add(plural(notCollected, "service") + " not fully collected");
            }
            if (notEvaluated > 0) {
                why.add(plural(notEvaluated, "finding") + " not evaluated");
            }
            page.line(Span.plain(label("Status")), Span.styled(Ansi.BOLD_YELLOW, "INCOMPLETE"),
                    Span.plain(": " + String.join(", ", why) + " (see below)"));
        }
    }

    private void counts(Page page, ScanReport report, OutcomeSummary summary) {
        List<Span> outcomes = new ArrayList<>();
        outcomes.add(Span.plain(label("Outcomes")));
        for (Outcome o : Outcome.values()) {
            long n = summary.count(o);
            if (o.ordinal() > 0) {
                outcomes.add(Span.plain("  "));
            }
            outcomes.add(Span.styled(n == 0 ? null : outcomeColour(o), o.name() + " " + n));
        }
        page.line(outcomes.toArray(Span[]::new));
        List<Span> severities = new ArrayList<>();
        severities.add(Span.plain(label("Failures")));
        for (Severity s : Severity.values()) {
            long n = summary.failuresBySeverity().getOrDefault(s, 0L);
            if (s.ordinal() > 0) {
                severities.add(Span.plain("  "));
            }
            severities.add(Span.styled(n == 0 ? null : severityColour(s), s.name() + " " + n));
        }
        page.line(severities.toArray(Span[]::new));
        long counted = summary.failuresAtLeast(style.failOn());
        String newOnes = report.baseline() == null ? "" : " (" + report.baseline().newFailuresAtLeast(
                report.findings(), style.failOn()) + " new)";
        page.line(Span.plain(label("Fail-on") + style.failOn().name() + ": " + plural(counted, "failing finding")
                + " at or above it" + newOnes));
        BaselineComparison b = report.baseline();
        if (b != null) {
            // Counts first: a long file name may be cut at the width, the counts must not be.
            page.line(Span.plain(label("Baseline")),
                    Span.styled(b.count(BaselineStatus.NEW) == 0 ? null : Ansi.BOLD_YELLOW,
                            b.count(BaselineStatus.NEW) + " new"),
                    Span.plain(", " + b.count(BaselineStatus.PERSISTING) + " persisting, "
                            + b.count(BaselineStatus.RESOLVED) + " resolved, " + b.notRechecked().size()
                            + " not rechecked"));
            page.line(Span.plain(label("") + "vs " + TerminalText.sanitize(b.source()) + " captured "
                    + DateTimeFormatter.ISO_INSTANT.format(b.baselineCapturedAt())));
        }
    }

    /**
     * One line per control of the framework: id, status, counts of the mapped rules' findings and title; under
     * a failing (or unevaluable) control, the rules behind it with their failing (or ERROR) counts.
     */
    private void controls(Page page, ScanReport report, FrameworkView view) {
        page.heading("Controls (" + view.framework().title() + ")");
        Map<ControlStatus, Long> byStatus = view.byStatus();
        List<String> totals = new ArrayList<>();
        byStatus.forEach((status, n) -> totals.add(n + " " + status.name()));
        page.line(Span.plain("  " + plural(view.controls().size(), "control") + ": " + String.join(", ", totals)));
        Map<String, Map<Outcome, Long>> byRule = new TreeMap<>();
        for (Finding f : report.findings()) {
            byRule.computeIfAbsent(f.ruleId(), id -> new java.util.EnumMap<>(Outcome.class))
                    .merge(f.outcome(), 1L, Long::sum);
        }
        int idWidth = view.controls().stream().mapToInt(c -> Page.width(TerminalText.sanitize(c.id()))).max()
                .orElse(0);
        int statusWidth = view.controls().stream().mapToInt(c -> c.status().name().length()).max().orElse(0);
        int summaryWidth = view.controls().stream().mapToInt(c -> Page.width(controlSummary(c))).max().orElse(0);
        for (ControlView c : view.controls()) {
            page.line(Span.plain("  " + Page.pad(TerminalText.sanitize(c.id()), idWidth) + "  "),
                    Span.styled(statusColour(c.status()), c.status().name()),
                    Span.plain(" ".repeat(statusWidth - c.status().name().length()) + "  "
                            + Page.pad(controlSummary(c), summaryWidth) + "  " + TerminalText.sanitize(c.title())));
            Outcome detail = c.status() == ControlStatus.FAIL ? Outcome.FAIL
                    : c.status() == ControlStatus.ERROR ? Outcome.ERROR : null;
            if (detail != null) {
                List<String> rules = new ArrayList<>();
                for (RuleMapping m : c.rules()) {
                    long n = byRule.getOrDefault(m.ruleId(), Map.of()).getOrDefault(detail, 0L);
                    if (n > 0) {
                        rules.add(TerminalText.sanitize(m.label()) + " (" + n + ")");
                    }
                }
                page.line(Span.plain(" ".repeat(4 + idWidth) + (detail == Outcome.FAIL ? "failing: " : "errors: ")
                        + String.join(", ", rules)));
            }
        }
        page.line(Span.plain("  Counts are findings of the rules mapped to each control; * = mapping proposed by "
                + "relyscan."));
    }

    private static String controlSummary(ControlView c) {
        if (c.manual()) {
            return "\u2014 no automated rule";
        }
        return "FAIL " + c.count(Outcome.FAIL) + " / PASS " + c.count(Outcome.PASS) + " / ERROR "
                + c.count(Outcome.ERROR);
    }

    private static Ansi statusColour(ControlStatus s) {
        return switch (s) {
            case FAIL -> Ansi.RED;
            case ERROR -> Ansi.MAGENTA;
            case PASS -> Ansi.GREEN;
            case NOT_APPLICABLE, MANUAL -> null;
        };
    }

    /**
     * Findings grouped by (severity, rule), most severe first, then by rule id. With {@code detail}, a failing
     * finding of a report with a baseline is marked NEW (or left blank when it persists), and a waived finding or
     * one whose waiver expired gets its waiver on the lines below it.
     */
    private void groups(Page page, ScanReport report, List<Finding> findings, boolean manyAccounts,
                        boolean detail) {
        boolean marks = detail && report.baseline() != null;
        Map<GroupKey, List<Finding>> groups = new TreeMap<>();
        for (Finding f : findings) {
            groups.computeIfAbsent(new GroupKey(f.severity(), f.ruleId()), k -> new ArrayList<>()).add(f);
        }
        boolean first = true;
        for (Map.Entry<GroupKey, List<Finding>> group : groups.entrySet()) {
            if (!first) {
                page.blank();
            }
            first = false;
            GroupKey key = group.getKey();
            List<Finding> members = group.getValue().stream().sorted(WITHIN_GROUP).toList();
            String title = report.rule(key.ruleId()).map(RuleMetadata::title).orElse("");
            page.line(Span.styled(severityColour(key.severity()), "[" + key.severity().name() + "]"),
                    Span.styled(Ansi.BOLD, " " + TerminalText.sanitize(key.ruleId())),
                    Span.plain((title.isEmpty() ? "" : " \u2014 " + TerminalText.sanitize(title))
                            + " (" + members.size() + ")"));
            int nameWidth = Math.min(NAME_COLUMN_MAX, members.stream()
                    .mapToInt(f -> Page.width(name(f))).max().orElse(0));
            int whereWidth = members.stream().mapToInt(f -> Page.width(where(f, manyAccounts))).max().orElse(0);
            for (Finding f : members) {
                Span mark = Span.plain("");
                if (marks) {
                    boolean isNew = report.baselineStatus(f).filter(st -> st == BaselineStatus.NEW).isPresent();
                    mark = isNew ? Span.styled(Ansi.BOLD_YELLOW, "NEW") : Span.plain("   ");
                }
                page.line(Span.plain("  "), mark, Span.plain((marks ? " " : "")
                        + Page.pad(Page.cut(name(f), nameWidth), nameWidth) + "  "
                        + Page.pad(where(f, manyAccounts), whereWidth) + "  "
                        + TerminalText.sanitize(f.message())));
                if (detail) {
                    report.waiverOf(f).ifPresent(w -> waiverLines(page, w, marks ? 8 : 4));
                }
            }
        }
    }

    /** Under a finding: the waiver that suppressed it (or whose expiry let it fail), then its reason, wrapped. */
    private void waiverLines(Page page, WaiverStatus status, int indent) {
        Waiver w = status.waiver();
        String pad = " ".repeat(indent);
        String who = ", owner " + TerminalText.sanitize(w.owner())
                + (w.expires() == null ? ", no expiry"
                : (status.expired() ? ", expired " : ", expires ") + w.expires());
        if (status.expired()) {
            page.wrapped(List.of(Span.plain(pad), Span.styled(Ansi.BOLD_YELLOW, "waiver expired:"), Span.plain(" ")),
                    pad + "  ", waiverName(w) + who);
        } else {
            page.wrapped(List.of(Span.plain(pad + "waived by ")), pad + "  ", waiverName(w) + who);
        }
        page.wrapped(List.of(Span.plain(pad + "reason: ")), pad + "  ", TerminalText.sanitize(w.reason()));
    }

    /** Its id and where it was declared, or just where. */
    private static String waiverName(Waiver w) {
        return w.label().map(id -> TerminalText.sanitize(id) + " (" + TerminalText.sanitize(w.source()) + ")")
                .orElse(TerminalText.sanitize(w.source()));
    }

    /**
     * What the waivers did: a count line, then a warning for each expired waiver that matched failures (they
     * fail again until it is renewed or removed), and a hint for those that suppress nothing.
     */
    private void waivers(Page page, List<WaiverStatus> waivers) {
        page.heading("Waivers (" + waivers.size() + ")");
        long suppressing = waivers.stream().filter(w -> w.suppressed() > 0).count();
        long findings = waivers.stream().mapToLong(WaiverStatus::suppressed).sum();
        long expired = waivers.stream().filter(WaiverStatus::expired).count();
        long unused = waivers.stream().filter(WaiverStatus::unused).count();
        page.line(Span.plain("  " + suppressing + " in use (" + plural(findings, "finding") + " waived), " + expired
                + " expired, " + unused + " unused"));
        String indent = " ".repeat(10);
        for (WaiverStatus s : waivers) {
            Waiver w = s.waiver();
            String what = waiverName(w) + ": rule " + TerminalText.sanitize(w.ruleId()) + ", owner "
                    + TerminalText.sanitize(w.owner());
            if (s.expired()) {
                boolean matched = s.matchedWhileExpired() > 0;
                page.line(Span.plain("  "), Span.styled(matched ? Ansi.BOLD_YELLOW : null, "EXPIRED"),
                        Span.plain(" " + what + ", expired " + w.expires()));
                page.line(Span.plain(indent + (matched ? plural(s.matchedWhileExpired(), "failing finding")
                        + " no longer waived (FAIL again); renew the waiver or fix them"
                        : "matches no failing finding; remove it")));
            } else if (s.unused()) {
                page.line(Span.plain("  UNUSED  " + what));
                page.line(Span.plain(indent + "matches no failing finding; remove it, or fix its rule, resource, "
                        + "account or region"));
            }
        }
    }

    /** The baseline failures that are gone, and those this scan could not decide again. */
    private void baseline(Page page, BaselineComparison b, boolean manyAccounts) {
        page.heading("Resolved since the baseline (" + b.resolved().size() + ")");
        if (b.resolved().isEmpty()) {
            page.line(Span.plain("  None."));
        }
        for (ResolvedFinding r : b.resolved()) {
            Finding f = r.previous();
            page.line(Span.plain("  " + TerminalText.sanitize(f.ruleId()) + "  " + name(f) + "  "
                    + where(f, manyAccounts) + "  " + r.currentOutcome().map(o -> "now " + o.name())
                    .orElse("resource gone")));
        }
        if (!b.notRechecked().isEmpty()) {
            page.blank();
            page.heading("Not rechecked (" + b.notRechecked().size() + ")");
            page.line(Span.plain("  Baseline failures this scan could not decide again (not scanned, not collected "
                    + "whole, or ERROR):"));
            for (Finding f : b.notRechecked()) {
                page.line(Span.plain("  " + TerminalText.sanitize(f.ruleId()) + "  " + name(f) + "  "
                        + where(f, manyAccounts)));
            }
        }
    }

    private static String name(Finding f) {
        if (REGION_TYPE.equals(f.resourceType())) {
            return "(region)";
        }
        String name = f.resourceName() != null && !f.resourceName().isBlank() ? f.resourceName() : f.resourceArn();
        return TerminalText.sanitize(name);
    }

    private static String where(Finding f, boolean manyAccounts) {
        String region = TerminalText.sanitize(f.region());
        return manyAccounts ? TerminalText.sanitize(f.account()) + "/" + region : region;
    }

    private void notCollected(Page page, CoverageEntry entry) {
        page.line(Span.plain("  " + TerminalText.sanitize(entry.account()) + "/" + TerminalText.sanitize(
                entry.region()) + "/" + entry.service().id() + ": "), Span.styled(
                entry.status() == CollectionStatus.FAILED ? Ansi.RED : Ansi.YELLOW, entry.status().name()));
        if (entry.gaps().isEmpty()) {
            page.line(Span.plain("    " + entry.describeGaps()));
        }
        for (CoverageGap gap : entry.gaps()) {
            String detail = gap.message().isBlank() ? gap.reason().description() : gap.message();
            page.line(Span.plain("    " + TerminalText.sanitize(gap.operation()) + ": " + gap.reason().name()
                    + " \u2014 " + TerminalText.sanitize(detail)));
        }
    }

    private void telemetry(Page page, List<EndpointTelemetry> telemetry) {
        long calls = 0;
        long attempts = 0;
        long retries = 0;
        long throttles = 0;
        long transitions = 0;
        for (EndpointTelemetry t : telemetry) {
            calls += t.calls();
            attempts += t.attempts();
            retries += t.retries();
            throttles += t.throttles();
            transitions += t.breakerTransitions().size();
        }
        page.line(Span.plain(label("API calls") + calls + " calls, " + attempts + " attempts, "
                + plural(retries, "retry", "retries") + ", " + plural(throttles, "throttle") + ", "
                + plural(transitions, "breaker transition") + " across " + plural(telemetry.size(), "endpoint")));
        for (String line : EndpointTable.lines(telemetry, style.width())) {
            page.line(Span.plain(line));
        }
    }

    private static String label(String name) {
        return Page.pad(name.isEmpty() ? "" : name + ":", 11);
    }

    private static String plural(long n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static Ansi severityColour(Severity s) {
        return switch (s) {
            case CRITICAL -> Ansi.BOLD_RED;
            case HIGH -> Ansi.RED;
            case MEDIUM -> Ansi.YELLOW;
            case LOW -> Ansi.CYAN;
            case INFO -> Ansi.BLUE;
        };
    }

    private static Ansi outcomeColour(Outcome o) {
        return switch (o) {
            case PASS -> Ansi.GREEN;
            case FAIL -> Ansi.RED;
            case ERROR -> Ansi.MAGENTA;
            case NOT_APPLICABLE, SUPPRESSED -> null;
        };
    }

    private record GroupKey(Severity severity, String ruleId) implements Comparable<GroupKey> {
        private static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::severity)
                .thenComparing(GroupKey::ruleId);

        @Override
        public int compareTo(GroupKey o) {
            return ORDER.compare(this, o);
        }
    }

    /** SGR codes used; only ever wrapped around text this class wrote. */
    enum Ansi {
        BOLD("1"), RED("31"), BOLD_RED("1;31"), GREEN("32"), YELLOW("33"), BOLD_YELLOW("1;33"), BLUE("34"),
        MAGENTA("35"), CYAN("36");

        private final String code;

        Ansi(String code) {
            this.code = code;
        }

        String open() {
            return "\u001b[" + code + "m";
        }

        static String reset() {
            return "\u001b[0m";
        }
    }

    /** A piece of a line: text that is already safe, with an optional colour. */
    record Span(Ansi colour, String text) {
        static Span plain(String text) {
            return new Span(null, text);
        }

        static Span styled(Ansi colour, String text) {
            return new Span(colour, text);
        }
    }

    /**
     * Lines of output, each cut to the width before colour is added, passed on to a sink in chunks of whole
     * lines (so a chunk never ends inside a character).
     */
    static final class Page {
        private static final String ELLIPSIS = "\u2026";
        private static final int CHUNK = 8 * 1024;
        private final ConsoleStyle style;
        private final Appendable sink;
        private final StringBuilder out = new StringBuilder(CHUNK + 1024);

        Page(ConsoleStyle style, Appendable sink) {
            this.style = style;
            this.sink = sink;
        }

        void blank() {
            out.append('\n');
            lineDone();
        }

        void heading(String text) {
            line(Span.styled(Ansi.BOLD, text));
            line(Span.plain("-".repeat(Math.min(width(text), style.width()))));
        }

        void line(Span... spans) {
            int budget = style.width();
            List<Span> fitted = new ArrayList<>();
            int total = 0;
            for (Span s : spans) {
                total += width(s.text());
            }
            if (total <= budget) {
                fitted.addAll(List.of(spans));
            } else {
                int room = budget - 1;
                for (Span s : spans) {
                    int w = width(s.text());
                    if (w <= room) {
                        fitted.add(s);
                        room -= w;
                    } else {
                        fitted.add(new Span(s.colour(), prefix(s.text(), room) + ELLIPSIS));
                        break;
                    }
                }
            }
            // Trailing padding is noise in files and diffs.
            int last = fitted.size() - 1;
            while (last >= 0) {
                Span s = fitted.get(last);
                String trimmed = s.text().stripTrailing();
                if (s.colour() == null && !trimmed.equals(s.text())) {
                    fitted.set(last, Span.plain(trimmed));
                }
                if (!trimmed.isEmpty() || s.colour() != null) {
                    break;
                }
                last--;
            }
            for (Span s : fitted) {
                if (s.text().isEmpty()) {
                    continue;
                }
                if (style.color() && s.colour() != null) {
                    out.append(s.colour().open()).append(s.text()).append(Ansi.reset());
                } else {
                    out.append(s.text());
                }
            }
            out.append('\n');
            lineDone();
        }

        private void lineDone() {
            if (out.length() >= CHUNK) {
                drain();
            }
        }

        /** Passes on what is left; the sink is neither flushed nor closed. */
        void finish() {
            drain();
        }

        private void drain() {
            if (out.length() == 0) {
                return;
            }
            try {
                sink.append(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.setLength(0);
        }

        /**
         * Text over as many lines as it needs, broken at spaces where it can: the first line starts with
         * {@code first}, the others with {@code next}. For text that must not be cut, such as a waiver's reason.
         */
        void wrapped(List<Span> first, String next, String text) {
            List<Span> prefix = first;
            String rest = text;
            while (true) {
                int room = Math.max(1, style.width() - prefix.stream().mapToInt(sp -> width(sp.text())).sum());
                String head = rest;
                if (width(rest) > room) {
                    head = prefix(rest, room);
                    int cut = head.lastIndexOf(' ');
                    if (cut > 0) {
                        head = head.substring(0, cut);
                    }
                }
                List<Span> spans = new ArrayList<>(prefix);
                spans.add(Span.plain(head));
                line(spans.toArray(Span[]::new));
                rest = rest.substring(head.length()).stripLeading();
                if (rest.isEmpty()) {
                    return;
                }
                prefix = List.of(Span.plain(next));
            }
        }

        /** Width in code points: the text is sanitized, so every code point is printable. */
        static int width(String s) {
            return s.codePointCount(0, s.length());
        }

        static String prefix(String s, int codePoints) {
            if (codePoints <= 0) {
                return "";
            }
            return s.substring(0, s.offsetByCodePoints(0, Math.min(codePoints, width(s))));
        }

        static String cut(String s, int max) {
            return width(s) <= max ? s : prefix(s, max - 1) + ELLIPSIS;
        }

        static String pad(String s, int width) {
            int w = width(s);
            return w >= width ? s : s + " ".repeat(width - w);
        }
    }
}
