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

import java.nio.charset.StandardCharsets;
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
                case "html" -> new HtmlReporter();
                default -> throw new IllegalStateException("validated earlier: " + format);
            };
            byte[] rendered = reporter.render(report);
            if (format.equals("console")) {
                cli.out().print(new String(rendered, StandardCharsets.UTF_8));
            } else {
                Path target = options.outputDir.resolve(reporter.defaultFileName());
                AtomicFiles.write(target, rendered);
                cli.out().println(format.toUpperCase(java.util.Locale.ROOT) + " report: " + target);
            }
        }
        ExitCode code = Verdict.of(report, failOn);
        Verdict.baselineSummary(report).ifPresent(cli.out()::println);
        cli.out().println(Verdict.describe(code, report, failOn));
        return code;
    }
}
