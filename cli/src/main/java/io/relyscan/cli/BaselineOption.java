package io.relyscan.cli;

import io.relyscan.core.engine.ScanReport;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --baseline REPORT.json}: marks failures new or persisting against an earlier JSON report. */
final class BaselineOption {
    @Option(names = "--baseline", paramLabel = "REPORT.json",
            description = "An earlier relyscan JSON report: each failure is marked NEW or PERSISTING, baseline "
                    + "failures that are gone are listed as RESOLVED, and --fail-on counts NEW failures only")
    Path file;

    /** Reads and checks the file before any work starts (a bad file must not cost a scan); exit 2 when invalid. */
    void load() {
        if (file != null) {
            throw new UnsupportedOperationException("--baseline is being built"); // replaced by the file reader
        }
    }

    /** The report compared with the baseline (unchanged without --baseline). */
    ScanReport compare(ScanReport report) {
        if (file == null) {
            return report;
        }
        throw new UnsupportedOperationException("--baseline is being built"); // replaced by the baseline reader
    }
}
