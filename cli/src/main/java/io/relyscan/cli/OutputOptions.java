package io.relyscan.cli;

import io.relyscan.core.error.InputException;
import io.relyscan.core.rule.Severity;
import io.relyscan.report.HtmlReporter;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Options shared by the commands that produce reports. */
final class OutputOptions {
    static final List<String> FORMATS = List.of("console", "json", "csv", "junit", "markdown", "ocsf", "html");

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "relyscan-out",
            description = "Directory for report files (created if missing). Default: ${DEFAULT-VALUE}")
    Path outputDir;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",", defaultValue = "console,json",
            description = "Report formats, comma separated: console (to stdout); json, csv, junit, markdown, ocsf, "
                    + "html (to the output directory as relyscan-report.json, relyscan-findings.csv, "
                    + "relyscan-junit.xml, relyscan-summary.md, relyscan-ocsf.jsonl, relyscan-report.html: one "
                    + "self-contained page that works offline). "
                    + "Default: ${DEFAULT-VALUE}")
    List<String> formats = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "HIGH",
            description = "Exit with code 1 when a finding FAILs at or above this severity (with --baseline: a NEW "
                    + "failure only): CRITICAL, HIGH, MEDIUM, LOW, INFO, or NONE to never fail. "
                    + "Default: ${DEFAULT-VALUE}")
    String failOn;

    @Option(names = "--html-max-findings", paramLabel = "N",
            defaultValue = "" + HtmlReporter.DEFAULT_MAX_FINDINGS,
            description = "Most findings the HTML report embeds, worst first (failures by severity, errors, waived, "
                    + "then PASS and N/A); its counts and charts always cover every finding, and it says when rows "
                    + "were left out (the JSON and CSV reports hold them all). 0 embeds every finding: a page of "
                    + "millions of findings does not open in a browser. Default: ${DEFAULT-VALUE}")
    int htmlMaxFindings;

    @Option(names = "--no-color", description = "Never colour the console report (colour is used only on a "
            + "terminal, and never when NO_COLOR is set)")
    boolean noColor;

    /** Checks every option before any work starts; throws InputException naming the option. */
    void validate() {
        formats();
        failOnSeverity();
        if (htmlMaxFindings < 0) {
            throw new InputException("--html-max-findings: " + htmlMaxFindings + " is negative; expected the most "
                    + "findings the HTML report embeds, or 0 for all of them");
        }
        checkOutputDir(outputDir);
    }

    Set<String> formats() {
        Set<String> result = new LinkedHashSet<>();
        for (String f : formats) {
            String name = f.trim().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(name)) {
                throw new InputException("--format: unknown format '" + f + "'; expected one or more of "
                        + String.join(", ", FORMATS));
            }
            result.add(name);
        }
        if (result.isEmpty()) {
            throw new InputException("--format: at least one format is required");
        }
        return result;
    }

    /** The gate, or empty for NONE. */
    Optional<Severity> failOnSeverity() {
        if ("NONE".equalsIgnoreCase(failOn.trim())) {
            return Optional.empty();
        }
        return Optional.of(Severity.parse(failOn).orElseThrow(() -> new InputException("--fail-on: unknown "
                + "severity '" + failOn + "'; expected CRITICAL, HIGH, MEDIUM, LOW, INFO or NONE")));
    }

    static void checkOutputDir(Path dir) {
        checkWritableDir("--output-dir", dir);
    }

    /**
     * Checks that {@code dir} is, or can be created as, a directory relyscan may write in: it is not a file, its
     * nearest existing ancestor is a directory (not a file where a directory is expected), and that one allows
     * writing. Throws InputException naming the option.
     */
    static void checkWritableDir(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(option + ": " + dir + " exists and is not a directory");
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new InputException(option + ": " + dir + " cannot be created: " + existing
                    + " is a file, not a directory");
        }
        if (existing == null || !Files.isWritable(existing)) {
            throw new InputException(option + ": " + dir + " is not writable"
                    + (existing == null ? "" : " (" + existing + " does not allow writing)"));
        }
    }

    /** Checks that {@code file} can be written: not a directory, in a directory that can be written. */
    static void checkWritableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new InputException(option + ": " + file + " is a directory; expected a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            checkWritableDir(option, parent);
        }
    }
}
