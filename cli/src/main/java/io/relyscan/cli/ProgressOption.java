package io.relyscan.cli;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.EndpointTelemetry;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code --quiet} and {@code --progress-interval}: how a scan shows its progress on stderr (see
 * {@link ProgressDisplay}) and whether it prints the findings summary after evaluation.
 */
final class ProgressOption {
    private static final int DEFAULT_COLUMNS = 80;

    @Option(names = {"-q", "--quiet"}, description = "No progress display or progress lines on stderr and no "
            + "findings summary; warnings and errors are still printed.")
    boolean quiet;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class, description = "When stderr is not a terminal: log a progress "
            + "line (accounts, regions and services done, resources, failed collections, throttles) this often, "
            + "and one when collection ends. On a terminal a status line is redrawn in place instead. Findings "
            + "exist only once the rules have run: a one-line findings summary follows evaluation. "
            + "Default: ${DEFAULT-VALUE}")
    Duration interval;

    /** The display for this run: off with --quiet, a status line on a terminal, else periodic log lines. */
    ProgressDisplay open(CliEnvironment cli, Supplier<List<EndpointTelemetry>> telemetry) {
        if (quiet) {
            return ProgressDisplay.off();
        }
        if (cli.err() == System.err && stderrIsTerminal() && !"dumb".equals(cli.variable("TERM"))) {
            return new ProgressDisplay(ProgressDisplay.Mode.TERMINAL, interval,
                    new TerminalLine(cli.err(), columns(cli)), ProgressDisplay.infoLog(), telemetry,
                    System::nanoTime, ProgressDisplay.daemonTimer());
        }
        return new ProgressDisplay(ProgressDisplay.Mode.LOG, interval, null, ProgressDisplay.infoLog(), telemetry,
                System::nanoTime, ProgressDisplay.daemonTimer());
    }

    /** After evaluation: one line on stderr counting the findings, unless --quiet. */
    void summarize(CliEnvironment cli, ScanReport report) {
        if (!quiet) {
            cli.err().println("relyscan: " + FindingsSummary.line(report.summary()));
        }
    }

    /** The terminal's width: COLUMNS when set, else what {@code stty size} says of /dev/tty, else 80. */
    private static int columns(CliEnvironment cli) {
        String value = cli.variable("COLUMNS");
        if (value != null) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return DEFAULT_COLUMNS;
            }
        }
        return sttyColumns().orElse(DEFAULT_COLUMNS);
    }

    private static Optional<Integer> sttyColumns() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return Optional.empty();
        }
        Process p = null;
        try {
            p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            String[] rowsAndColumns = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .trim().split("\\s+");
            int columns = rowsAndColumns.length == 2 ? Integer.parseInt(rowsAndColumns[1]) : 0;
            return columns > 0 ? Optional.of(columns) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null) {
                p.destroy();
            }
        }
    }

    /**
     * Whether the process's stderr is a terminal. On Linux, /proc tells exactly; elsewhere a console (stdin and
     * stdout on a terminal) is the best proxy Java offers.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }
}
