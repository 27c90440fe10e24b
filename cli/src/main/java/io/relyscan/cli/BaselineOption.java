package io.relyscan.cli;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.report.TerminalText;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code --baseline REPORT.json}: marks failures new or persisting against an earlier JSON report. */
final class BaselineOption {
    @Option(names = "--baseline", paramLabel = "REPORT.json",
            description = "An earlier relyscan JSON report: each failure is marked NEW or PERSISTING, baseline "
                    + "failures that no longer fail are listed as RESOLVED (or as not rechecked when this run "
                    + "could not see them), and --fail-on counts NEW failures only (see docs/baselines.md)")
    Path file;

    private ScanReport baseline;

    /** Reads and checks the file before any work starts (a bad file must not cost a scan); exit 2 when invalid. */
    void load() {
        if (file != null) {
            baseline = BaselineFile.read(file);
        }
    }

    /**
     * The report compared with the baseline (unchanged without --baseline). Warns on {@code err} when the
     * comparison is skewed by something other than the accounts: another rule catalog, other scopes.
     */
    ScanReport compare(ScanReport report, PrintStream err) {
        if (file == null) {
            return report;
        }
        if (baseline == null) {
            throw new IllegalStateException("load() must run before compare()");
        }
        BaselineComparison comparison = BaselineComparison.of(file.toString(), baseline, report);
        if (!comparison.baselineCatalog().equals(report.catalog().digest())) {
            err.println("relyscan: warning: " + BaselineFile.OPTION + " " + file + " was evaluated with another rule "
                    + "catalog (" + TerminalText.sanitize(baseline.catalog().describe()) + "; this run: "
                    + report.catalog().describe() + "): rules, severities, parameters or the tier-1 tag changed, so "
                    + "some findings may show as NEW or RESOLVED because of that, not because the accounts changed");
        }
        scopeNote(comparison, report).ifPresent(err::println);
        return report.withBaseline(comparison);
    }

    /** One line when the baseline and this run cover different account/region scopes. */
    private Optional<String> scopeNote(BaselineComparison comparison, ScanReport report) {
        Set<ScanScope> now = new HashSet<>(report.scopes());
        Set<ScanScope> before = new HashSet<>(baseline.scopes());
        List<ScanScope> notScanned = baseline.scopes().stream().filter(s -> !now.contains(s)).toList();
        long notInBaseline = report.scopes().stream().filter(s -> !before.contains(s)).count();
        if (notScanned.isEmpty() && notInBaseline == 0) {
            return Optional.empty();
        }
        Set<List<String>> missing = new HashSet<>();
        notScanned.forEach(s -> missing.add(List.of(s.account(), s.region())));
        long unchecked = comparison.notRechecked().stream()
                .filter(f -> f.account() != null && f.region() != null)
                .filter(f -> missing.contains(List.of(f.account(), f.region()))).count();
        StringBuilder line = new StringBuilder("relyscan: note: ").append(BaselineFile.OPTION).append(' ')
                .append(file).append(" covers other accounts or regions than this run");
        if (!notScanned.isEmpty()) {
            line.append("; ").append(unchecked).append(" baseline failure(s) in the ").append(notScanned.size())
                    .append(" scope(s) not scanned now are not rechecked (not counted as resolved)");
        }
        if (notInBaseline > 0) {
            line.append("; every failure in the ").append(notInBaseline)
                    .append(" scope(s) the baseline did not cover is NEW");
        }
        return Optional.of(line.toString());
    }
}
