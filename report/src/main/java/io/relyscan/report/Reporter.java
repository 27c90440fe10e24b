package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;

/**
 * Renders a {@link ScanReport} in one format. Implementations are stateless and deterministic: the same
 * report always gives the same bytes, so reports can be diffed and golden-tested.
 */
public interface Reporter {
    /** The format name used on the command line, e.g. {@code json}. */
    String format();

    /** The file name used when the user names only an output directory. */
    String defaultFileName();

    /** The complete report, encoded as UTF-8. */
    byte[] render(ScanReport report);
}
