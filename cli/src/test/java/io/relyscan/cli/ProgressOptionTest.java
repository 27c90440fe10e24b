package io.relyscan.cli;

import io.relyscan.core.engine.OutcomeSummary;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressOptionTest {
    private static CliEnvironment cli(PrintStream err) {
        return new CliEnvironment(new PrintStream(new ByteArrayOutputStream()), err, Map.of(), false);
    }

    private static ProgressOption option(boolean quiet) {
        ProgressOption option = new ProgressOption();
        option.quiet = quiet;
        option.interval = Duration.ofSeconds(30);
        return option;
    }

    @Test
    void quiet_turnsTheDisplayOff() {
        CliEnvironment cli = cli(new PrintStream(new ByteArrayOutputStream()));
        try (ProgressDisplay d = option(true).open(cli, List::of)) {
            assertThat(d.mode()).isEqualTo(ProgressDisplay.Mode.OFF);
        }
    }

    @Test
    void aStreamOtherThanTheProcessStderr_getsPlainLogLines() {
        CliEnvironment cli = cli(new PrintStream(new ByteArrayOutputStream()));
        try (ProgressDisplay d = option(false).open(cli, List::of)) {
            assertThat(d.mode()).isEqualTo(ProgressDisplay.Mode.LOG);
        }
    }

    @Test
    void summary_isOneLineOnStderr_unlessQuiet() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ScanReport report = Evaluation.evaluate(Inventory.of(Instant.EPOCH, List.of(), List.of(),
                Coverage.of(List.of()), List.of()), List.of());
        option(true).summarize(cli(err), report);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
        option(false).summarize(cli(err), report);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("relyscan: findings: 0 (FAIL 0)"
                + System.lineSeparator());
    }

    @Test
    void findingsSummary_countsFailuresBySeverity_andTheOtherOutcomesThatOccur() {
        EnumMap<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        outcomes.put(Outcome.PASS, 1150L);
        outcomes.put(Outcome.FAIL, 27L);
        outcomes.put(Outcome.ERROR, 2L);
        outcomes.put(Outcome.NOT_APPLICABLE, 55L);
        outcomes.put(Outcome.SUPPRESSED, 0L);
        EnumMap<Severity, Long> severities = new EnumMap<>(Severity.class);
        severities.put(Severity.CRITICAL, 3L);
        severities.put(Severity.HIGH, 10L);
        severities.put(Severity.MEDIUM, 14L);
        severities.put(Severity.LOW, 0L);
        assertThat(FindingsSummary.line(new OutcomeSummary(outcomes, severities))).isEqualTo(
                "findings: 1,234 (FAIL 27: CRITICAL 3, HIGH 10, MEDIUM 14; ERROR 2; PASS 1,150; NOT_APPLICABLE 55)");
    }

    @Test
    void scanHelp_documentsQuietAndTheProgressInterval() {
        CliUsageTest.Result r = CliUsageTest.run("scan", "--help");
        assertThat(r.out()).contains("-q, --quiet").contains("--progress-interval=DURATION")
                .contains("findings summary");
    }

    @Test
    void progressInterval_mustBeADuration() {
        CliUsageTest.Result r = CliUsageTest.run("scan", "--progress-interval", "soon", "--region", "us-east-1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--progress-interval").contains("is not a duration");
    }
}
