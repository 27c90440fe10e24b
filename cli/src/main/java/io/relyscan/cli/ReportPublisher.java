package io.relyscan.cli;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Severity;
import io.relyscan.report.AtomicFiles;
import io.relyscan.report.ConsoleReporter;
import io.relyscan.report.ConsoleStyle;
import io.relyscan.report.CsvReporter;
import io.relyscan.report.HtmlReporter;
import io.relyscan.report.JsonReporter;
import io.relyscan.report.JunitReporter;
import io.relyscan.report.MarkdownReporter;
import io.relyscan.report.OcsfReporter;
import io.relyscan.report.Reporter;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Writes the selected report formats: console to stdout, files atomically into the output directory. */
final class ReportPublisher {
    private static final int CONSOLE_WIDTH = 100;

    private final CliEnvironment cli;

    ReportPublisher(CliEnvironment cli) {
        this.cli = cli;
    }

    ExitCode publish(ScanReport report, OutputOptions options) {
        Set<String> formats = options.formats();
        Optional<Severity> failOn = options.failOnSeverity();
        boolean color = cli.terminal() && !options.noColor && cli.variable("NO_COLOR") == null
                && !"dumb".equals(cli.variable("TERM"));
        ConsoleStyle style = new ConsoleStyle(color, CONSOLE_WIDTH, failOn.orElse(Severity.INFO));
        for (String format : formats) {
            Reporter reporter = switch (format) {
                case "console" -> new ConsoleReporter(style);
                case "json" -> new JsonReporter();
                case "csv" -> new CsvReporter();
                case "junit" -> new JunitReporter();
                case "markdown" -> new MarkdownReporter();
                case "ocsf" -> new OcsfReporter();
                case "html" -> new HtmlReporter(options.htmlMaxFindings);
                default -> throw new IllegalStateException("validated earlier: " + format);
            };
            if (reporter instanceof ConsoleReporter console) {
                // Streamed to stdout a few lines at a time, in its charset; stdout stays open.
                console.print(report, cli.out());
            } else {
                // Streamed to a temporary file, then renamed: a report of millions of findings is never held whole.
                Path target = options.outputDir.resolve(reporter.defaultFileName());
                AtomicFiles.write(target, out -> reporter.write(report, out));
                cli.out().println(format.toUpperCase(java.util.Locale.ROOT) + " report: " + target);
            }
        }
        ExitCode code = Verdict.of(report, failOn);
        Verdict.baselineSummary(report).ifPresent(cli.out()::println);
        cli.out().println(Verdict.describe(code, report, failOn));
        return code;
    }
}
