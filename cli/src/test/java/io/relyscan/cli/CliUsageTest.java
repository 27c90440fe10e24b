package io.relyscan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a one-line error and exit code 2, before any AWS call (no endpoint is reachable here). */
class CliUsageTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Relyscan.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    private static void assertUsageError(Result r, String expected) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(expected);
        assertThat(r.err().lines().filter(l -> l.startsWith("relyscan:")).count()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void noCommand_isUsageError() {
        assertUsageError(run(), "a command is required");
    }

    @Test
    void unknownOption_isUsageError() {
        assertUsageError(run("scan", "--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void scan_unknownRegion_isUsageErrorBeforeAnyCall() {
        Result r = run("scan", "--region", "us-esat-1", "--endpoint-url", "http://127.0.0.1:9",
                "--output-dir", tmp.toString());
        assertUsageError(r, "--region: unknown region us-esat-1");
    }

    @Test
    void scan_regionAndAllRegions_isUsageError() {
        assertUsageError(run("scan", "--region", "us-east-1", "--all-regions", "--output-dir", tmp.toString()),
                "cannot be combined");
    }

    @Test
    void scan_malformedEndpoint_isUsageError() {
        assertUsageError(run("scan", "--region", "us-east-1", "--endpoint-url", "ht!tp://bad url",
                "--output-dir", tmp.toString()), "--endpoint-url");
        assertUsageError(run("scan", "--region", "us-east-1", "--endpoint-url", "ftp://127.0.0.1",
                "--output-dir", tmp.toString()), "not an http(s) URL");
    }

    @Test
    void scan_malformedEndpointFromEnvironment_namesTheVariable() {
        assertUsageError(run(Map.of("AWS_ENDPOINT_URL", "nonsense"), "scan", "--region", "us-east-1",
                "--output-dir", tmp.toString()), "AWS_ENDPOINT_URL");
    }

    @Test
    void scan_unknownFormat_isUsageError() {
        assertUsageError(run("scan", "--region", "us-east-1", "--format", "console,xml",
                "--output-dir", tmp.toString()), "--format: unknown format 'xml'");
    }

    @Test
    void scan_unknownFailOn_isUsageError() {
        assertUsageError(run("scan", "--region", "us-east-1", "--fail-on", "SEVERE",
                "--output-dir", tmp.toString()), "--fail-on: unknown severity 'SEVERE'");
    }

    @Test
    void scan_badDeadline_isUsageError() {
        assertUsageError(run("scan", "--region", "us-east-1", "--deadline", "soon"), "is not a duration");
    }

    @Test
    void scan_badAttemptTimeout_isUsageError() {
        assertUsageError(run("scan", "--region", "us-east-1", "--attempt-timeout", "0s"), "duration must be positive");
    }

    @Test
    void scan_maxInFlightOutOfRange_isUsageError() {
        assertUsageError(run("scan", "--region", "us-east-1", "--max-in-flight", "0"),
                "--max-in-flight: must be between 1 and 64, got 0");
        assertUsageError(run("scan", "--region", "us-east-1", "--max-in-flight", "65"),
                "--max-in-flight: must be between 1 and 64, got 65");
    }

    @Test
    void scan_callTimeoutShorterThanAttemptTimeout_isUsageError() {
        assertUsageError(run("scan", "--region", "us-east-1", "--attempt-timeout", "30s", "--call-timeout", "10s"),
                "--call-timeout (10000 ms) must be at least --attempt-timeout (30000 ms)");
    }

    @Test
    void scan_outputDirIsAFile_isUsageError() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertUsageError(run("scan", "--region", "us-east-1", "--output-dir", file.toString()),
                "is not a directory");
    }

    @Test
    void scan_unknownProfile_isUsageError() throws Exception {
        Path config = Files.writeString(tmp.resolve("config"), "[profile known]\nregion = us-east-1\n");
        Path credentials = Files.writeString(tmp.resolve("credentials"), "");
        String oldConfig = System.getProperty("aws.configFile");
        String oldCredentials = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            Result r = run("scan", "--profile", "nope", "--region", "us-east-1", "--output-dir", tmp.toString());
            assertUsageError(r, "nope");
        } finally {
            restore("aws.configFile", oldConfig);
            restore("aws.sharedCredentialsFile", oldCredentials);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void evaluate_missingFile_isUsageError() {
        assertUsageError(run("evaluate", "--inventory", tmp.resolve("missing.json").toString(),
                "--output-dir", tmp.toString()), "missing.json");
    }

    @Test
    void evaluate_malformedFile_namesFileAndLine() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\n  \"schemaVersion\": 1,\n  oops\n}\n");
        Result r = run("evaluate", "--inventory", bad.toString(), "--output-dir", tmp.toString());
        assertUsageError(r, "bad.json:3");
        assertThat(Files.exists(tmp.resolve("relyscan-report.json"))).isFalse();
    }

    @Test
    void evaluate_withoutInventory_isUsageError() {
        assertUsageError(run("evaluate"), "Missing required option: '--inventory=FILE'");
    }

    @Test
    void verbose_showsStackTrace() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "not json");
        Result r = run("evaluate", "--verbose", "--inventory", bad.toString(), "--output-dir", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void help_isAvailableOnEveryCommand() {
        for (String command : new String[]{"scan", "evaluate", "rules"}) {
            Result r = run(command, "--help");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).contains("Usage: relyscan " + command).contains("--help");
        }
        Result root = run("--help");
        assertThat(root.out()).contains("scan").contains("evaluate").contains("rules").contains("Exit codes");
    }

    @Test
    void version_isPrinted() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("relyscan ");
    }
}
