package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Renders a {@link ScanReport} in one format. Implementations are stateless and deterministic: the same
 * report always gives the same bytes, so reports can be diffed and golden-tested.
 *
 * <p>Reports are written as a stream ({@link #write}): a scan of a million resources has millions of findings,
 * and a report of them must not have to fit in memory as one byte array (plus the copies a growing buffer
 * makes) next to the findings themselves. {@link #render} is for small reports and tests.
 */
public interface Reporter {
    /** The format name used on the command line, e.g. {@code json}. */
    String format();

    /** The file name used when the user names only an output directory. */
    String defaultFileName();

    /**
     * Writes the complete report, encoded as UTF-8, to {@code out} as it goes (buffered by the caller or not;
     * the implementation flushes what it buffers itself, and does not close {@code out}).
     */
    void write(ScanReport report, OutputStream out) throws IOException;

    /** The complete report, encoded as UTF-8, in memory. */
    default byte[] render(ScanReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(report, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }
}
