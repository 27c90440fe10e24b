package io.relyscan.cli;

import io.relyscan.cli.config.WaiversFile;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.core.framework.ControlCatalog;
import io.relyscan.core.framework.ControlView;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverSet;
import io.relyscan.core.waiver.WaiverStatus;
import io.relyscan.rules.BuiltInRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** {@code --waivers FILE}: accepted exceptions, applied to the findings before any report is written. */
final class WaiverOption {
    private static final Logger LOG = LoggerFactory.getLogger(WaiverOption.class);

    @Option(names = "--waivers", paramLabel = "FILE",
            description = "YAML file of waivers (docs/waivers.md): failing findings they cover are reported as "
                    + "SUPPRESSED with their reason and owner and no longer count for --fail-on; expired ones stop "
                    + "suppressing and are reported. An invalid file is an input error (exit 2), found before any "
                    + "work")
    Path file;

    /** The command this option belongs to: its error stream carries the waiver warnings. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private WaiverSet waivers;

    /** Reads and checks the file before any work starts (a bad file must not cost a scan); exit 2 when invalid. */
    void load() {
        if (file != null) {
            waivers = WaiversFile.read(file, BuiltInRules.all().stream().map(Rule::metadata).toList());
            LOG.info("waivers: {} from {}", waivers.waivers().size(), file);
        }
    }

    /**
     * The report with the waivers applied (unchanged without --waivers), and a warning on stderr per expired
     * waiver that let failures through, and a note naming the waivers that suppressed nothing. A report grouped
     * by a framework (merged shard reports) has its view computed again from the waived findings.
     *
     * @throws InputException when the report's findings already had waivers applied (shard reports merged)
     */
    ScanReport apply(ScanReport report) {
        if (file == null) {
            return report;
        }
        if (waivers == null) {
            throw new IllegalStateException("load() the waivers file before applying it");
        }
        long alreadyWaived = WaiverSet.waivedFindings(report);
        if (alreadyWaived > 0 || !report.waivers().isEmpty()) {
            // only merged shard reports can get here: a fresh evaluation has no waivers yet
            throw new InputException("--waivers: the scan reports were made with --waivers already (" + alreadyWaived
                    + " finding(s) waived or past an expired waiver, " + report.waivers().size() + " waiver "
                    + "status(es)); waivers are applied once: merge these reports without --waivers, or merge shard "
                    + "reports made without --waivers");
        }
        FrameworkView view = report.framework();
        ScanReport waived = waivers.apply(view == null ? report : report.withFramework(null));
        if (view != null) {
            waived = waived.withFramework(FrameworkView.of(ControlCatalog.of(view.framework(),
                    view.controls().stream().map(ControlView::control).toList()), waived.rules(), waived.findings()));
        }
        report(waived.waivers());
        return waived;
    }

    private void report(List<WaiverStatus> statuses) {
        PrintWriter err = command != null ? command.commandLine().getErr()
                : new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        for (WaiverStatus s : statuses) {
            if (s.expired() && s.matchedWhileExpired() > 0) {
                Waiver w = s.waiver();
                err.println("relyscan: warning: waiver " + w.label().map(id -> id + " (" + w.source() + ", owner ")
                        .orElse("at " + w.source() + " (owner ") + w.owner() + ") expired on " + w.expires() + ": "
                        + s.matchedWhileExpired() + " failing finding(s) are no longer suppressed; renew or remove "
                        + "it");
            }
        }
        List<WaiverStatus> unused = statuses.stream().filter(WaiverStatus::unused).toList();
        if (!unused.isEmpty()) {
            err.println("relyscan: note: " + unused.size() + " waiver(s) matched no failing finding: "
                    + names(unused) + "; remove them, or check their rule, resource, account and region");
        }
        List<WaiverStatus> expiredIdle = statuses.stream()
                .filter(s -> s.expired() && s.matchedWhileExpired() == 0).toList();
        if (!expiredIdle.isEmpty()) {
            err.println("relyscan: note: " + expiredIdle.size() + " expired waiver(s) matched no failing finding: "
                    + names(expiredIdle) + "; remove them");
        }
        err.flush();
    }

    private static String names(List<WaiverStatus> statuses) {
        return statuses.stream().map(s -> s.waiver().label().map(id -> id + " (" + s.waiver().source() + ")")
                .orElse(s.waiver().source())).collect(Collectors.joining(", "));
    }
}
