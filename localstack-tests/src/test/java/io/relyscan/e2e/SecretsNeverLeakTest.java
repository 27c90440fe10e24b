package io.relyscan.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.relyscan.collectors.OperationLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets never leak: the real {@code relyscan} runs in a child JVM (so that the credentials really are in its
 * environment or its profile files) against the demo account in the emulator, with {@code --verbose} and a
 * logging configuration that puts {@code io.relyscan} at TRACE into a log file, and writes the console report,
 * the JSON report and an inventory snapshot. Distinctive random credentials (an ASIA key id, a 40-character
 * secret, a session token) must appear in none of stdout, stderr, the log file, the reports or the snapshot.
 * A WireMock proxy in front of the overlay checks that the credentials were really used (SigV4 headers), and in
 * one case answers EC2 DescribeInstances with an UnauthorizedOperation that echoes all three, to show
 * {@code MessageScrubber} keeping them out of coverage gaps, logs and reports.
 */
class SecretsNeverLeakTest {
    private static final String REGION_A = DemoAccountScenario.PRIMARY;
    private static final String REGION_B = DemoAccountScenario.SECONDARY;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Emulator emulator;
    private static BackupOverlay overlay;
    private static WireMockServer proxy;

    @TempDir
    static Path work;

    /** Random credentials shaped like real temporary ones. */
    record Credentials(String keyId, String secret, String token) {
        static Credentials random() {
            return new Credentials("ASIA" + randomOf("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
                    randomOf(BASE64, 40), "IQoJb3JpZ2luX2VjE" + randomOf(BASE64, 340) + "==");
        }

        List<String> values() {
            return List.of(keyId, secret, token);
        }
    }

    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static String randomOf(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** What one child run left behind: its captured streams and every file it wrote. */
    record ChildRun(int exitCode, Path stdout, Path stderr, Path logFile, Path outputDir, Path inventory) {
        String describe() throws IOException {
            return "exit " + exitCode + "\n-- stderr (tail):\n" + tail(Files.readString(stderr)) + "\n-- stdout (tail):\n"
                    + tail(Files.readString(stdout));
        }

        List<Path> everythingWritten() throws IOException {
            List<Path> files = new ArrayList<>(List.of(stdout, stderr));
            if (logFile != null) {
                files.add(logFile);
            }
            if (Files.exists(inventory)) {
                files.add(inventory);
            }
            try (Stream<Path> s = Files.walk(outputDir)) {
                s.filter(Files::isRegularFile).forEach(files::add);
            }
            return files;
        }

        private static String tail(String s) {
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        }
    }

    @BeforeAll
    static void buildAccount() {
        emulator = Emulator.start();
        overlay = BackupOverlay.start(emulator.endpoint());
        DemoAccountScenario.build(emulator, overlay);
        proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(100)
                .willReturn(aResponse().proxiedFrom(overlay.endpoint().toString())));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.stop();
        }
        if (overlay != null) {
            overlay.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void credentialsInTheEnvironment_appearNowhere_withTraceLogging() throws Exception {
        Credentials creds = Credentials.random();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", creds.keyId());
        env.put("AWS_SECRET_ACCESS_KEY", creds.secret());
        env.put("AWS_SESSION_TOKEN", creds.token());

        ChildRun run = scan("env", env, true);

        assertScanUsed(creds, run, 0);
        assertNothingLeaks(creds, run);
        assertThat(Files.readString(run.logFile())).as("the log file has DEBUG lines of io.relyscan")
                .contains("DEBUG").contains("scanning account");
    }

    @Test
    void credentialsInAProfile_appearNowhere_withTheShippedLoggingAndVerbose() throws Exception {
        Credentials creds = Credentials.random();
        Path dir = Files.createDirectories(work.resolve("profile-files"));
        Path config = Files.writeString(dir.resolve("config"), "[profile leak-check]\nregion = " + REGION_A + "\n");
        Path credentials = Files.writeString(dir.resolve("credentials"), "[leak-check]\naws_access_key_id = "
                + creds.keyId() + "\naws_secret_access_key = " + creds.secret() + "\naws_session_token = "
                + creds.token() + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());

        ChildRun run = scan("profile", env, false, "--profile", "leak-check");

        assertScanUsed(creds, run, 0);
        assertNothingLeaks(creds, run);
        assertThat(Files.readString(run.stderr())).as("verbose logging reached stderr").contains("DEBUG");
    }

    @Test
    void anErrorEchoingTheCredentials_isScrubbedEverywhere() throws Exception {
        Credentials creds = Credentials.random();
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
                + "<Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation. "
                + "Request signed with access key " + creds.keyId() + " secret " + creds.secret()
                + " and security token " + creds.token() + " .</Message></Error></Errors><RequestID>"
                + UUID.randomUUID() + "</RequestID></Response>";
        StubMapping echo = proxy.stubFor(post(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=DescribeInstances")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(body)));
        try {
            Map<String, String> env = new HashMap<>();
            env.put("AWS_ACCESS_KEY_ID", creds.keyId());
            env.put("AWS_SECRET_ACCESS_KEY", creds.secret());
            env.put("AWS_SESSION_TOKEN", creds.token());

            ChildRun run = scan("echo", env, true);

            assertScanUsed(creds, run, 3);
            assertNothingLeaks(creds, run);
            String report = Files.readString(run.outputDir().resolve(ReportJson.FILE_NAME));
            assertThat(report).as("the denial reached the report, scrubbed")
                    .contains("UnauthorizedOperation").contains("[redacted]");
            assertThat(Files.readString(run.inventory())).contains("UnauthorizedOperation").contains("[redacted]");
            assertThat(Files.readString(run.logFile())).contains("UnauthorizedOperation");
        } finally {
            proxy.removeStub(echo);
        }
    }

    /** The scan finished with the expected exit code (moto only) and signed its requests with these credentials. */
    private void assertScanUsed(Credentials creds, ChildRun run, int expectedExitOnMoto) throws IOException {
        if (emulator.backend().equals("moto")) {
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(expectedExitOnMoto);
        } else {
            assertThat(run.exitCode()).as(run.describe()).isNotEqualTo(2);
        }
        assertThat(run.outputDir().resolve(ReportJson.FILE_NAME)).exists();
        assertThat(run.inventory()).exists();
        List<LoggedRequest> signed = proxy.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .anyRequestedFor(anyUrl()).withHeader("Authorization", containing("Credential=" + creds.keyId() + "/")));
        assertThat(signed).as("requests signed with the run's key id").isNotEmpty()
                .allSatisfy(r -> assertThat(r.getHeader("X-Amz-Security-Token")).isEqualTo(creds.token()));
    }

    private static void assertNothingLeaks(Credentials creds, ChildRun run) throws IOException {
        List<Path> files = run.everythingWritten();
        assertThat(files).as("stdout, stderr, the reports and the snapshot were written").hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String secret : creds.values()) {
                for (String form : List.of(secret, secret.replace("/", "\\/"))) {
                    assertThat(text.contains(form)).as(file + " contains a credential ("
                            + secret.substring(0, 6) + "...)").isFalse();
                }
            }
        }
    }

    /** Runs {@code relyscan scan} in a child JVM with these AWS variables (and no others). */
    private ChildRun scan(String name, Map<String, String> awsVariables, boolean traceLogFile, String... extra)
            throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path out = dir.resolve("out");
        Path inventory = dir.resolve("inventory.json");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Path logFile = traceLogFile ? dir.resolve("relyscan.log") : null;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-D" + OperationLog.PROPERTY + "=" + SentOperationsExtension.currentLog()));
        if (logFile != null) {
            command.add("-Dlogback.configurationFile=" + traceConfig(dir, logFile));
        }
        command.addAll(List.of("io.relyscan.cli.Main", "scan", "--endpoint-url", "http://127.0.0.1:" + proxy.port(),
                "--region", REGION_A, "--region", REGION_B, "--output-dir", out.toString(),
                "--format", "console,json", "--save-inventory", inventory.toString(), "--fail-on", "NONE",
                "--deadline", "2m", "--no-color", "--verbose"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().putAll(awsVariables);
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("relyscan did not finish within 90 s");
        }
        return new ChildRun(p.exitValue(), stdout, stderr, logFile, out, inventory);
    }

    /** The shipped logging configuration, with io.relyscan at TRACE and a file appender next to stderr. */
    private static Path traceConfig(Path dir, Path logFile) throws IOException {
        return Files.writeString(dir.resolve("logback-trace.xml"), """
                <configuration>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level %%logger{20} - %%msg%%n</pattern></encoder>
                  </appender>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger - %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="io.relyscan" level="TRACE"/>
                  <logger name="software.amazon.awssdk" level="WARN"/>
                  <logger name="org.apache.http" level="WARN"/>
                  <logger name="io.github.resilience4j" level="WARN"/>
                  <root level="WARN">
                    <appender-ref ref="STDERR"/>
                    <appender-ref ref="FILE"/>
                  </root>
                </configuration>
                """.formatted(logFile));
    }
}
