package io.relyscan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress without a terminal: the real {@code relyscan scan} runs in a child JVM (so that its stderr is a file,
 * as under CI or cron, and the shipped logging configuration is in effect) against the emulator. It logs plain
 * progress lines through SLF4J (a periodic "collecting:" line every --progress-interval and one "collected:" line
 * when collection ends) with no terminal control characters, then one findings summary line; {@code --quiet}
 * prints none of them. Whether a periodic line fell within the scan depends on timing and is not asserted.
 */
class ScanProgressTest {
    private static final String REGION_A = "us-east-1";
    private static final String REGION_B = "eu-west-1";
    private static final Pattern PROGRESS = Pattern.compile(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  i\\.relyscan\\.progress - (collecting|collected): accounts \\d+/1, "
                    + "regions \\d/2, services \\d+/(\\d+), resources \\d+, failed \\d+, throttles \\d+, "
                    + "elapsed \\d\\d:\\d\\d");

    private static Emulator emulator;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void scan_withoutATerminal_logsPlainProgressLinesAndAFindingsSummaryOnStderr() throws Exception {
        List<String> stderr = scan("plain", "--progress-interval", "200ms");

        List<String> progress = stderr.stream().filter(l -> l.contains("relyscan.progress - ")).toList();
        assertThat(progress).as("stderr\n" + String.join("\n", stderr)).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches(PROGRESS));
        String last = progress.get(progress.size() - 1);
        assertThat(last).as("the line when collection ends")
                .contains(" - collected: accounts 1/1, regions 2/2, services ");
        var services = PROGRESS.matcher(last);
        assertThat(services.matches()).isTrue();
        assertThat(last).contains("services " + services.group(2) + "/" + services.group(2));
        assertThat(progress.subList(0, progress.size() - 1)).as("the periodic lines before it")
                .allSatisfy(l -> assertThat(l).contains(" - collecting: "));
        assertThat(String.join("\n", stderr)).as("no terminal control characters without a terminal")
                .doesNotContain("\r").doesNotContain("\u001b");
        assertThat(stderr).as("one findings summary after evaluation")
                .filteredOn(l -> l.startsWith("relyscan: findings: ")).singleElement().asString()
                .matches("relyscan: findings: [\\d,]+ \\(FAIL [\\d,]+.*\\)");
    }

    @Test
    void scan_withQuiet_printsNoProgressAndNoSummary() throws Exception {
        List<String> stderr = scan("quiet", "--progress-interval", "200ms", "--quiet");

        assertThat(stderr).as("stderr").noneMatch(l -> l.contains("relyscan.progress"))
                .noneMatch(l -> l.startsWith("relyscan: findings"));
    }

    /** Runs {@code relyscan scan} in a child JVM with stderr to a file; returns stderr's lines. */
    private static List<String> scan(String name, String... extra) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.relyscan.cli.Main", "scan", "--endpoint-url", emulator.endpoint().toString(),
                "--region", REGION_A, "--region", REGION_B, "--output-dir", dir.resolve("out").toString(),
                "--format", "json", "--fail-on", "NONE", "--deadline", "2m"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("relyscan did not finish within 90 s");
        }
        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code; stderr:\n" + String.join("\n", lines)).isIn(0, 3);
        return lines;
    }
}
