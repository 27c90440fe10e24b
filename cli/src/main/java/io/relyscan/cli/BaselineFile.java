package io.relyscan.cli;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.report.snapshot.JsonReports;
import io.relyscan.report.snapshot.ShardInputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the earlier JSON report given with {@code --baseline}, with the strict report reader. Every problem is an
 * InputException that starts with the option and names the file (and the line, column and field when the reader
 * gives them), so that a bad baseline stops the run before anything is scanned or written.
 */
final class BaselineFile {
    static final String OPTION = "--baseline";
    private static final String WHAT_TO_PASS = "pass the JSON report (relyscan-report.json, written with "
            + "--format json) of an earlier scan, evaluate or merge";

    private BaselineFile() {
    }

    /**
     * The baseline's header and failing findings ({@link JsonReports#readFailures}: streamed, so that a report of
     * millions of findings reads in the memory its failures take).
     */
    static ScanReport read(Path file) {
        if (blank(file)) {
            throw new InputException(OPTION + ": " + file + ": the file is empty; " + WHAT_TO_PASS);
        }
        try {
            return JsonReports.readFailures(file, file.toString());
        } catch (InputException e) {
            if (isInventorySnapshot(file)) {
                throw new InputException(OPTION + ": " + file + " is an inventory snapshot, not a scan report; "
                        + WHAT_TO_PASS + " (to use a snapshot, evaluate it first: relyscan evaluate --inventory "
                        + file + " --format json)", e);
            }
            throw new InputException(OPTION + ": " + e.getMessage(), e);
        }
    }

    /** True when the file holds only whitespace (or nothing); reads up to the first other character. */
    private static boolean blank(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputException(OPTION + ": " + file + " is a directory; " + WHAT_TO_PASS);
        }
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            int c;
            while ((c = in.read()) >= 0) {
                if (!Character.isWhitespace(c)) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchFileException e) {
            throw new InputException(OPTION + ": " + file + ": not found (no such file); " + WHAT_TO_PASS, e);
        } catch (AccessDeniedException e) {
            throw new InputException(OPTION + ": " + file + ": cannot read: permission denied", e);
        } catch (IOException e) {
            throw new InputException(OPTION + ": " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Told by the document's {@code kind}, as {@code merge} tells its inputs apart; false when it is neither. */
    private static boolean isInventorySnapshot(Path file) {
        try {
            return ShardInputs.kindOf(List.of(file)) == ShardInputs.Kind.INVENTORY_SNAPSHOT;
        } catch (InputException e) {
            return false;
        }
    }
}
