package io.relyscan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Bad input through the real CLI: exit code 2, one line on stderr that says what is wrong, no stack trace,
 * no report written, and no AWS call: the scans point at a {@link BackupOverlay} (in front of a closed loopback
 * port, so nothing can leave the machine even if validation were missing) whose request count must stay 0.
 */
class CliBadInputTest {
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$]+\\(.*\\)$|^Caused by: ",
            Pattern.MULTILINE);

    @TempDir
    static Path work;
    private static BackupOverlay overlay;
    private static String deadEndpoint;

    @BeforeAll
    static void countingEndpointInFrontOfAClosedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            overlay = BackupOverlay.start(URI.create("http://127.0.0.1:" + s.getLocalPort()));
        }
        deadEndpoint = overlay.endpoint().toString();
    }

    @AfterAll
    static void stopOverlay() {
        if (overlay != null) {
            overlay.close();
        }
    }

    @Test
    void scan_withUnknownProfile_isAUsageError_namingTheProfile() throws IOException {
        Path out = work.resolve("unknown-profile");
        Path[] files = profileFiles(work.resolve("profiles-unknown"), "us-east-1");
        Cli.Run run = withProfileFiles(files, () -> Cli.run("scan", "--endpoint-url", deadEndpoint,
                "--profile", "no-such-profile", "--region", "us-east-1", "--output-dir", out.toString()));
        assertUsageError(run, out, "profile 'no-such-profile' not found");
    }

    @Test
    void scan_withUnknownRegionInTheProfile_isAUsageError_namingTheRegion() throws IOException {
        Path out = work.resolve("profile-region");
        Path[] files = profileFiles(work.resolve("profiles-region"), "mars-north-7");
        Cli.Run run = withProfileFiles(files, () -> Cli.run("scan", "--endpoint-url", deadEndpoint,
                "--profile", "audit", "--output-dir", out.toString()));
        assertUsageError(run, out, "unknown region 'mars-north-7'");
    }

    @Test
    void scan_withSeveralUnknownRegions_namesEveryOne() {
        Path out = work.resolve("unknown-regions");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1", "--region",
                "eu-wset-1", "--region", "moon-1", "--output-dir", out.toString());
        assertUsageError(run, out, "unknown region eu-wset-1, moon-1");
    }

    @Test
    void scan_withUnknownExcludedRegion_isAUsageError_namingTheOption() {
        Path out = work.resolve("unknown-excluded");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--all-regions", "--exclude-region",
                "eu-wset-1", "--output-dir", out.toString());
        assertUsageError(run, out, "--exclude-region: unknown region eu-wset-1");
    }

    @Test
    void scan_withARegionBothScannedAndExcluded_isAUsageError() {
        Path out = work.resolve("scanned-and-excluded");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1", "--region",
                "eu-west-1", "--exclude-region", "eu-west-1", "--output-dir", out.toString());
        assertUsageError(run, out, "--region and --exclude-region both name eu-west-1");
    }

    @Test
    void scan_excludingTheProfilesOnlyRegion_leavesNothingToScan_andIsAUsageError() throws IOException {
        Path out = work.resolve("excluded-default");
        Path[] files = profileFiles(work.resolve("profiles-excluded"), "eu-west-1");
        Cli.Run run = withProfileFiles(files, () -> Cli.run("scan", "--endpoint-url", deadEndpoint,
                "--profile", "audit", "--exclude-region", "eu-west-1", "--output-dir", out.toString()));
        assertUsageError(run, out, "no region left to scan: --exclude-region removes every region of eu-west-1");
    }

    @Test
    void scan_withOutputDirThatIsAFile_isAUsageError() throws IOException {
        Path file = Files.writeString(work.resolve("output-is-a-file"), "not a directory");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1",
                "--output-dir", file.toString());
        assertUsageError(run, work, "--output-dir: " + file + " exists and is not a directory");
    }

    @Test
    void scan_withOutputDirUnderAFile_isAUsageError() throws IOException {
        Path file = Files.writeString(work.resolve("parent-is-a-file"), "not a directory");
        Path out = file.resolve("reports");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1",
                "--output-dir", out.toString());
        assertUsageError(run, work, "--output-dir: " + out + " cannot be created: " + file + " is a file");
    }

    @Test
    void scan_withInventorySnapshotPathThatIsADirectory_isAUsageError() throws IOException {
        Path out = work.resolve("inventory-dir-out");
        Path dir = Files.createDirectories(work.resolve("inventory-is-a-directory"));
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1",
                "--output-dir", out.toString(), "--save-inventory", dir.toString());
        assertUsageError(run, out, "--save-inventory: " + dir + " is a directory");
    }

    @Test
    void scan_withInventorySnapshotUnderAFile_isAUsageError() throws IOException {
        Path out = work.resolve("inventory-file-out");
        Path file = Files.writeString(work.resolve("inventory-parent-is-a-file"), "x");
        Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1",
                "--output-dir", out.toString(), "--save-inventory", file.resolve("inv.json").toString());
        assertUsageError(run, out, "--save-inventory", "is a file, not a directory");
    }

    @Test
    void scan_withReadOnlyOutputDir_isAUsageError() throws IOException {
        Path readOnly = Files.createDirectories(work.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "running as root: a directory without write permission is "
                    + "still writable, so this case cannot be provoked here");
            Path out = readOnly.resolve("reports");
            Cli.Run run = Cli.run("scan", "--endpoint-url", deadEndpoint, "--region", "us-east-1",
                    "--output-dir", out.toString());
            assertUsageError(run, out, "--output-dir: " + out + " is not writable");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A config and a credentials file with one profile, "audit", whose region is {@code region}. */
    private static Path[] profileFiles(Path dir, String region) throws IOException {
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("config"), "[profile audit]\nregion = " + region + "\n");
        Path credentials = Files.writeString(dir.resolve("credentials"),
                "[audit]\naws_access_key_id = testing\naws_secret_access_key = testing\n");
        return new Path[]{config, credentials};
    }

    /** Runs with the SDK reading these shared files (its system properties), restoring them afterwards. */
    private static Cli.Run withProfileFiles(Path[] files, Supplier<Cli.Run> run) {
        String config = System.getProperty("aws.configFile");
        String credentials = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.configFile", files[0].toString());
        System.setProperty("aws.sharedCredentialsFile", files[1].toString());
        try {
            return run.get();
        } finally {
            restore("aws.configFile", config);
            restore("aws.sharedCredentialsFile", credentials);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
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
        assertThat(overlay.requestCount()).as("no AWS call was made\n" + run).isZero();
    }
}
