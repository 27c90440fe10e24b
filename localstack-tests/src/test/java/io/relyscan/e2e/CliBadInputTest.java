package io.relyscan.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input through the real CLI: exit code 2, one line on stderr that says what is wrong, no stack trace,
 * and no report written. The scans point at a closed loopback port, so nothing can leave the machine even if
 * validation were missing.
 */
class CliBadInputTest {
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$]+\\(.*\\)$|^Caused by: ",
            Pattern.MULTILINE);

    @TempDir
    static Path work;
    private static String deadEndpoint;

    @BeforeAll
    static void closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadEndpoint = "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void scan_withUnknownRegion_isAUsageError() {
        Path out = work.resolve("unknown-region");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "mars-north-7",
                "--output-dir", out.toString(), "--format", "json");
        assertUsageError(run, out, "mars-north-7");
    }

    @Test
    void scan_withMalformedEndpointUrl_isAUsageError() {
        Path out = work.resolve("bad-endpoint");
        Cli.Run run = Cli.run("scan", "--endpoint-url", "http://127.0.0.1:notaport/ x", "--region", "us-east-1",
                "--output-dir", out.toString(), "--format", "json");
        assertUsageError(run, out, "--endpoint-url", "endpoint", "notaport");
    }

    @Test
    void scan_withUnknownFormat_isAUsageError() {
        Path out = work.resolve("bad-format");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1",
                "--output-dir", out.toString(), "--format", "json,xml");
        assertUsageError(run, out, "xml");
    }

    @Test
    void scan_withUnknownFailOnSeverity_isAUsageError() {
        Path out = work.resolve("bad-fail-on");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1",
                "--output-dir", out.toString(), "--fail-on", "SEVERE");
        assertUsageError(run, out, "SEVERE");
    }

    @Test
    void scan_withMalformedDeadline_isAUsageError() {
        Path out = work.resolve("bad-deadline");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1",
                "--output-dir", out.toString(), "--deadline", "soon");
        assertUsageError(run, out, "soon");
    }

    @Test
    void scan_withUnknownOption_isAUsageError() {
        Path out = work.resolve("unknown-option");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1",
                "--output-dir", out.toString(), "--regoin", "eu-west-1");
        assertUsageError(run, out, "--regoin");
    }

    @Test
    void evaluate_withMissingInventory_namesTheFile() {
        Path out = work.resolve("missing-inventory");
        Path missing = work.resolve("no-such-inventory.json");
        Cli.Run run = Cli.run("evaluate", "--inventory", missing.toString(), "--output-dir", out.toString());
        assertUsageError(run, out, "no-such-inventory.json");
    }

    @Test
    void evaluate_withMalformedInventory_namesTheFile() throws IOException {
        Path out = work.resolve("malformed-inventory");
        Path bad = work.resolve("malformed-inventory.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"resources\": [ {\"type\": \"DbInstance\", ",
                StandardCharsets.UTF_8);
        Cli.Run run = Cli.run("evaluate", "--inventory", bad.toString(), "--output-dir", out.toString());
        assertUsageError(run, out, "malformed-inventory.json");
    }

    @Test
    void evaluate_withInventoryOfAnotherSchemaVersion_namesTheFile() throws IOException {
        Path out = work.resolve("future-inventory");
        Path future = work.resolve("future-inventory.json");
        Files.writeString(future, "{\"schemaVersion\": 99, \"kind\": \"relyscan-inventory\"}",
                StandardCharsets.UTF_8);
        Cli.Run run = Cli.run("evaluate", "--inventory", future.toString(), "--output-dir", out.toString());
        assertUsageError(run, out, "future-inventory.json");
    }

    @Test
    void evaluate_withMalformedInventory_andVerbose_isStillExitCode2() throws IOException {
        Path out = work.resolve("malformed-verbose");
        Path bad = work.resolve("malformed-verbose.json");
        Files.writeString(bad, "not json at all", StandardCharsets.UTF_8);
        Cli.Run run = Cli.run("evaluate", "--inventory", bad.toString(), "--output-dir", out.toString(),
                "--verbose");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains("malformed-verbose.json");
        assertThat(out.resolve(ReportJson.FILE_NAME)).doesNotExist();
    }

    /** Exit code 2, one line on stderr mentioning at least one of {@code mentioned}, no trace, no report. */
    private static void assertUsageError(Cli.Run run, Path out, String... mentioned) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        List<String> lines = Arrays.stream(run.err().split("\\R")).filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr is one error line\n" + run).hasSize(1);
        String line = lines.get(0).toLowerCase(java.util.Locale.ROOT);
        assertThat(Arrays.stream(mentioned).anyMatch(m -> line.contains(m.toLowerCase(java.util.Locale.ROOT))))
                .as("the error names " + String.join(" or ", mentioned) + "\n" + run).isTrue();
        assertThat(STACK_FRAME.matcher(run.err()).find()).as("no stack trace without --verbose\n" + run).isFalse();
        assertThat(out.resolve(ReportJson.FILE_NAME)).as("no report written").doesNotExist();
    }
}
